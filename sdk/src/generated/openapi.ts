// Generated from openapi/openapi.yaml by openapi-typescript. Do not edit:
// change the contract and run `npm run generate -w @koban/sdk`.

export interface paths {
    "/v1/cardholders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List cardholders
         * @description Lists your cardholders in this mode, newest first, optionally filtered.
         *     See [Pagination](#section/Pagination).
         *
         *     Requires the `cardholders:read` scope.
         */
        get: operations["listCardholders"];
        put?: never;
        /**
         * Create a cardholder
         * @description Creates an individual or business cardholder. Set `type` and the
         *     matching object: `individual` with the person's name, or `business`
         *     with the company's legal name.
         *
         *     A new cardholder is `active` with `kyc_status: pending`; identity checks
         *     move `kyc_status` on. If you verify your users' identity yourself, say
         *     so with `kyc: { method: partner }` (and when and under which reference
         *     of yours): the cardholder is then `verified` at once. To create an
         *     employee of a business for corporate cards, create the business first
         *     and pass its id as `business_id` of the individual.
         *
         *     Requires the `cardholders:write` scope.
         */
        post: operations["createCardholder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cardholders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a cardholder
         * @description Retrieves a cardholder by id.
         *
         *     Requires the `cardholders:read` scope.
         */
        get: operations["getCardholder"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update a cardholder
         * @description Changes a cardholder's contact details, address, metadata, names (of
         *     an individual) or `status`. Fields you leave out stay as they are;
         *     `null` clears `email`, `phone_number` or `address`. `address` is
         *     replaced whole. `metadata` is merged: the keys you send are set, a key
         *     set to `null` is removed, the others stay (at most 20 in all).
         *
         *     `status` follows the transitions under [cardholders](#tag/cardholders):
         *     `suspended` blocks the cardholder's cards for a while, `active` lifts
         *     that, `closed` is final. Asking for the status it already has changes
         *     nothing. A closed cardholder cannot be changed at all: any change is
         *     refused with `409 invalid_state_transition`. While Koban's compliance
         *     team holds the cardholder (`compliance_hold`), `status: active` is
         *     refused with `409 compliance_hold`; suspending and closing still work.
         *
         *     Answers with the cardholder as changed (or `202` with an operation, as
         *     for every write). Requires the `cardholders:write` scope.
         */
        patch: operations["updateCardholder"];
        trace?: never;
    };
    "/v1/programs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List programs
         * @description Lists your card programs in this mode, newest first. See
         *     [Pagination](#section/Pagination).
         *
         *     Requires the `programs:read` scope.
         */
        get: operations["listPrograms"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a program
         * @description Retrieves one of your programs by id.
         *
         *     Requires the `programs:read` scope.
         */
        get: operations["getProgram"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List cards
         * @description Lists your cards in this mode, newest first, optionally filtered. See
         *     [Pagination](#section/Pagination).
         *
         *     Requires the `cards:read` scope.
         */
        get: operations["listCards"];
        put?: never;
        /**
         * Issue a card
         * @description Issues a new card to a cardholder, or replaces a card.
         *
         *     **A new card**: give `cardholder_id` and `type`. `program_id` may be
         *     left out when you have exactly one program in this mode; otherwise it
         *     is required (`400 parameter_missing`). Without `spend_controls`, the
         *     card starts with its program's default spend controls. The card is
         *     `inactive` until you activate it. The cardholder must be yours and
         *     not closed (`422 cardholder_not_found`, `422 cardholder_closed`), and
         *     so must the program (`422 program_not_found`).
         *
         *     **A replacement** (a lost, stolen, damaged or expiring card): give
         *     `replacement_for` (the card it replaces) and `replacement_reason`,
         *     and nothing else: the new card keeps the original's cardholder,
         *     program, type and spend controls, with a new number and expiry. After
         *     `lost` or `stolen` the original is closed at once (if it was not
         *     already); after `damaged` or `expired` it keeps working until the
         *     replacement is activated, which closes it. A card is replaced at most
         *     once, and a card closed at the cardholder's request is not replaced
         *     (`409 invalid_state_transition`), nor one Koban's compliance team holds
         *     (`409 compliance_hold`). An unknown `replacement_for` is
         *     `404 resource_not_found` with `param: replacement_for`.
         *
         *     Requires the `cards:write` scope.
         */
        post: operations["createCard"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cards/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a card
         * @description Retrieves a card by id: never its number or security code (see
         *     [Retrieve a card's number](#operation/getCardDetails)).
         *
         *     Requires the `cards:read` scope.
         */
        get: operations["getCard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update a card
         * @description Replaces the card's `spend_controls` whole: what you leave out of the
         *     new controls has no limit or restriction. A closed card's controls
         *     cannot change (`409 invalid_state_transition`); the same controls
         *     again change nothing.
         *
         *     Requires the `cards:write` scope.
         */
        patch: operations["updateCard"];
        trace?: never;
    };
    "/v1/cards/{id}/activate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Activate a card
         * @description Makes an `inactive` card `active`. Activating the replacement of a damaged or expiring card closes the card it replaces (`closed_reason: replaced`).
         *     A card Koban's compliance team holds (`compliance_hold`) is refused with `409 compliance_hold`.
         *     Asking for the status the card already has changes nothing; any other
         *     move the [card statuses](#tag/cards) do not allow is refused with
         *     `409 invalid_state_transition`.
         *
         *     Requires the `cards:write` scope.
         */
        post: operations["activateCard"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cards/{id}/freeze": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Freeze a card
         * @description Makes an `active` card `frozen`: it declines every authorization until unfrozen.
         *     Asking for the status the card already has changes nothing; any other
         *     move the [card statuses](#tag/cards) do not allow is refused with
         *     `409 invalid_state_transition`.
         *
         *     Requires the `cards:write` scope.
         */
        post: operations["freezeCard"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cards/{id}/unfreeze": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Unfreeze a card
         * @description Makes a `frozen` card `active` again. A card Koban's compliance team
         *     holds (`compliance_hold`) is refused with `409 compliance_hold`.
         *     Asking for the status the card already has changes nothing; any other
         *     move the [card statuses](#tag/cards) do not allow is refused with
         *     `409 invalid_state_transition`.
         *
         *     Requires the `cards:write` scope.
         */
        post: operations["unfreezeCard"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cards/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Close a card
         * @description Closes a card for good, with a `reason`. Closed is final: a closed card can be replaced (unless closed at the cardholder's request), never reopened. Closing a closed card changes nothing, its first reason included.
         *     A card under Koban's compliance hold can still be closed (it can no longer be replaced).
         *     Asking for the status the card already has changes nothing; any other
         *     move the [card statuses](#tag/cards) do not allow is refused with
         *     `409 invalid_state_transition`.
         *
         *     Requires the `cards:write` scope.
         */
        post: operations["closeCard"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cards/{id}/details": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a card's number
         * @description The card's full number (PAN) and security code (CVC), for showing to
         *     its cardholder in your app. Requires the `cards:read_sensitive`
         *     scope: keep keys that have it on your servers only. Every call is
         *     recorded (which key, which request, when). The answer is marked
         *     `Cache-Control: no-store`; never log or store it.
         */
        get: operations["getCardDetails"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List events
         * @description Lists the events of your resources in this mode, newest first,
         *     optionally filtered. See [Pagination](#section/Pagination).
         *
         *     Requires the `events:read` scope.
         */
        get: operations["listEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve an event
         * @description Retrieves one of your events by id.
         *
         *     Requires the `events:read` scope.
         */
        get: operations["getEvent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook_endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List webhook endpoints
         * @description Lists your webhook endpoints in this mode, newest first. See
         *     [Pagination](#section/Pagination).
         *
         *     Requires the `webhooks:read` scope.
         */
        get: operations["listWebhookEndpoints"];
        put?: never;
        /**
         * Create a webhook endpoint
         * @description Registers a URL to receive the events of this mode as webhooks. Koban
         *     makes the endpoint a signing secret; read it with
         *     [Retrieve an endpoint's secret](#operation/getWebhookEndpointSecret).
         *
         *     The URL must be `https` in live mode, and must not resolve to a
         *     loopback, link-local, private or otherwise internal address (checked
         *     now, and again at every delivery). Refused URLs are answered `400
         *     parameter_invalid` with `param: url`.
         *
         *     Requires the `webhooks:write` scope.
         */
        post: operations["createWebhookEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook_endpoints/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a webhook endpoint
         * @description Retrieves one of your webhook endpoints by id (never its secret).
         *
         *     Requires the `webhooks:read` scope.
         */
        get: operations["getWebhookEndpoint"];
        put?: never;
        post?: never;
        /**
         * Delete a webhook endpoint
         * @description Deletes the endpoint: it receives nothing more, deliveries waiting
         *     for a retry are canceled, and its secret is destroyed. Deleting it
         *     again is `404`.
         *
         *     Requires the `webhooks:write` scope.
         */
        delete: operations["deleteWebhookEndpoint"];
        options?: never;
        head?: never;
        /**
         * Update a webhook endpoint
         * @description Changes the fields you send and leaves the others as they are. A
         *     `disabled` endpoint receives nothing (deliveries waiting for a retry
         *     are canceled); enabling it again delivers events from then on.
         *
         *     Requires the `webhooks:write` scope.
         */
        patch: operations["updateWebhookEndpoint"];
        trace?: never;
    };
    "/v1/webhook_endpoints/{id}/secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve an endpoint's signing secret
         * @description The secret deliveries to this endpoint are signed with
         *     ([Standard Webhooks](https://www.standardwebhooks.com/)), and, after a
         *     rotation, the previous one until it expires. Koban stores secrets
         *     encrypted and sends them nowhere else; this read is not cached.
         *
         *     Requires the `webhooks:write` scope.
         */
        get: operations["getWebhookEndpointSecret"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook_endpoints/{id}/rotate_secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate an endpoint's signing secret
         * @description Makes the endpoint a new secret. Until the previous one expires
         *     (`expires_in_seconds`, 24 hours unless given, at most 7 days; 0 ends it
         *     now), every delivery carries a signature by each, so your handler
         *     accepts deliveries whichever secret it has. Rotating again while a
         *     previous secret is still valid ends that one now.
         *
         *     Requires the `webhooks:write` scope.
         */
        post: operations["rotateWebhookEndpointSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook_endpoints/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List an endpoint's deliveries
         * @description The deliveries of events to this endpoint, newest first, each with
         *     its attempts. See [Pagination](#section/Pagination).
         *
         *     Requires the `webhooks:read` scope.
         */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook_endpoints/{id}/deliveries/{delivery_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a delivery
         * @description One delivery of an event to this endpoint, with its attempts.
         *
         *     Requires the `webhooks:read` scope.
         */
        get: operations["getWebhookDelivery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook_endpoints/{id}/deliveries/{delivery_id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Redeliver an event
         * @description Sends the delivery's event to the endpoint again now, whatever its
         *     status, with the same `webhook-id`. The endpoint must be enabled. If
         *     the attempt fails, the retry schedule starts over.
         *
         *     Requires the `webhooks:write` scope.
         */
        post: operations["retryWebhookDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/funding_sources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List funding sources
         * @description Lists your funding sources in this mode, newest first. See
         *     [Pagination](#section/Pagination).
         *
         *     Requires the `funding:read` scope.
         */
        get: operations["listFundingSources"];
        put?: never;
        /**
         * Create a funding source
         * @description A `prefunded` source, or a `jit_gateway` source with your gateway's
         *     URL, its deadline and its stand-in rule. Koban makes a gateway source
         *     a signing secret; read it with
         *     [Retrieve a source's secret](#operation/getFundingSourceSecret).
         *
         *     The URL must be `https` in live mode, and must not resolve to a
         *     loopback, link-local, private or otherwise internal address (checked
         *     now, and again at every call). Refused URLs are answered `400
         *     parameter_invalid` with `param: jit_gateway.url`.
         *
         *     Requires the `funding:write` scope.
         */
        post: operations["createFundingSource"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/funding_sources/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a funding source
         * @description Retrieves one of your funding sources by id (never its secret).
         *
         *     Requires the `funding:read` scope.
         */
        get: operations["getFundingSource"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update a funding source
         * @description Changes the fields you send and leaves the others as they are; a
         *     gateway's fields change one by one. The type never changes. A
         *     prefunded source has no `jit_gateway` (`422 parameter_invalid`).
         *     Authorizations decided from then on follow the change.
         *
         *     Requires the `funding:write` scope.
         */
        patch: operations["updateFundingSource"];
        trace?: never;
    };
    "/v1/funding_sources/{id}/secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a source's signing secret
         * @description The secret requests to this `jit_gateway` source's URL are signed
         *     with ([Standard Webhooks](https://www.standardwebhooks.com/)). Koban
         *     stores it encrypted and sends it nowhere else; this read is not
         *     cached. A prefunded source has none (`404`).
         *
         *     Requires the `funding:write` scope.
         */
        get: operations["getFundingSourceSecret"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List accounts
         * @description Your ledger accounts in this mode, newest first: each program's
         *     funding account and each cardholder's prepaid balance. See
         *     [Pagination](#section/Pagination).
         *
         *     Requires the `accounts:read` scope.
         */
        get: operations["listAccounts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve an account
         * @description One of your accounts with its balances.
         *
         *     Requires the `accounts:read` scope.
         */
        get: operations["getAccount"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/transfers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List transfers
         * @description Loads and unloads in this mode, newest first. See
         *     [Pagination](#section/Pagination).
         *
         *     Requires the `accounts:read` scope.
         */
        get: operations["listTransfers"];
        put?: never;
        /**
         * Load or unload a cardholder's balance
         * @description A `load` moves money from the program's funding account to the
         *     cardholder's prepaid balance (opened on first use); an `unload` moves
         *     it back. Either is refused with `422 insufficient_funds` when the
         *     account it draws on has less available. Amounts are integers in the
         *     program currency's minor unit (yen for JPY).
         *
         *     Requires the `accounts:write` scope.
         */
        post: operations["createTransfer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/transfers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a transfer
         * @description One load or unload.
         *
         *     Requires the `accounts:read` scope.
         */
        get: operations["getTransfer"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deposits/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a deposit
         * @description Money that reached one of your programs' funding accounts: a simulated
         *     deposit in test mode, one Koban's staff recorded in live mode.
         *
         *     Requires the `accounts:read` scope.
         */
        get: operations["getDeposit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/authorizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List authorizations
         * @description The card network's requests to let your cards pay, and Koban's
         *     answers, newest first, filterable. See [Pagination](#section/Pagination).
         *
         *     Requires the `authorizations:read` scope.
         */
        get: operations["listAuthorizations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/authorizations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve an authorization
         * @description One authorization with its saga's timeline: when the network asked,
         *     each participant's verdict, the decision and each participant's
         *     settlement.
         *
         *     Requires the `authorizations:read` scope.
         */
        get: operations["getAuthorization"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/simulate/authorizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Simulate an authorization
         * @description Makes the card network ask to let one of your cards pay, exactly as
         *     real traffic does: the request goes through the network simulator to
         *     Koban's network gateway with the card's number, expiry and security
         *     code, and Koban decides it with every check it makes in live mode.
         *     Answers with the authorization once decided (`pending` if approved,
         *     `declined` with its `decline_reason` otherwise).
         *
         *     `cvv2` and `expiry` let you send what a fraudster would: a wrong
         *     security code (`mismatch`), none (`absent`), or a wrong expiry.
         *
         *     Requires the `authorizations:write` scope and a test key.
         */
        post: operations["simulateAuthorization"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/simulate/authorizations/{id}/reverse": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Simulate a reversal
         * @description The merchant undoes all of an approved authorization, or `amount` of
         *     it (a partial reversal), as the network would send it: the released
         *     amount is available on the balance again. Answers with the
         *     authorization as it is after (`reversed` once nothing remains).
         *
         *     Requires the `authorizations:write` scope and a test key.
         */
        post: operations["simulateAuthorizationReversal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/simulate/authorizations/{id}/increment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Simulate an incremental authorization
         * @description The merchant asks for `amount` more on an approved authorization (a
         *     hotel's extra night, a tip), decided like any authorization, against
         *     the same card. Answers with the increment's own authorization.
         *
         *     Requires the `authorizations:write` scope and a test key.
         */
        post: operations["simulateAuthorizationIncrement"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/simulate/deposits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Simulate a deposit
         * @description Money arriving in a program's funding account, as a bank transfer of
         *     yours would in live mode (where Koban's staff record it).
         *
         *     Requires the `accounts:write` scope and a test key.
         */
        post: operations["simulateDeposit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/simulate/cardholders/{id}/kyc": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Simulate a KYC result
         * @description Test mode only. Records a KYC result for a cardholder as Koban's
         *     compliance staff would in live mode, so you can test how your
         *     integration handles each one: `verified`, `rejected` or `needs_review`
         *     (a review, to be followed by `verified` or `rejected`). The KYC
         *     transitions are the live ones (see [cardholders](#tag/cardholders)):
         *     a second result after a final one is refused with `409
         *     invalid_state_transition`.
         *
         *     A live key is refused with `403 permission_denied`, before anything
         *     else is looked at. Answers with the cardholder as changed.
         */
        post: operations["simulateCardholderKyc"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/transactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List transactions
         * @description The money movements the network cleared and Koban posted, newest first,
         *     filterable. See [Pagination](#section/Pagination).
         *
         *     Requires the `authorizations:read` scope.
         */
        get: operations["listTransactions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/transactions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a transaction
         * @description One posted transaction, linked to the authorization it cleared (if
         *     any), with what its hold paid and released.
         *
         *     Requires the `authorizations:read` scope.
         */
        get: operations["getTransaction"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/settlements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List settlements
         * @description Your daily settlements with the card network, newest first. See
         *     [Pagination](#section/Pagination).
         *
         *     Requires the `accounts:read` scope.
         */
        get: operations["listSettlements"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/settlements/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a settlement
         * @description One day's settlement with its line items (purchases, refunds, force
         *     posts, interchange) and the net amount.
         *
         *     Requires the `accounts:read` scope.
         */
        get: operations["getSettlement"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/settlements/{id}/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export a settlement as CSV
         * @description The transactions a settlement counts, one CSV row each, oldest first,
         *     after a header: `settlement_id, transaction_id, type, amount,
         *     currency, interchange_amount, shortfall_amount, authorization_id,
         *     card_id, posted_at`.
         *
         *     Requires the `accounts:read` scope.
         */
        get: operations["exportSettlementCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/simulate/clearings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Simulate a presentment
         * @description Makes the card network clear a purchase, exactly as its daily clearing
         *     file does: a record with the card's number and, when given, the
         *     authorization's network ids goes to Koban's clearing edge, is matched
         *     and posted. Of an authorization: its remaining amount unless `amount`
         *     says otherwise (less releases the rest; more within a fifth is a tip;
         *     `sequence` of `count` draws the hold down over several presentments).
         *     Of a `card_id` alone: a presentment with no authorization, force posted
         *     even below zero (`shortfall_amount` is then what you owe).
         *     Answers with the transaction once posted.
         *
         *     Requires the `authorizations:write` scope and a test key.
         */
        post: operations["simulateClearing"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/simulate/refunds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Simulate a refund
         * @description Makes the card network clear a refund (or credit) to a card, as its
         *     clearing file does: the amount goes back to the card's balance.
         *     Answers with the transaction once posted.
         *
         *     Requires the `authorizations:write` scope and a test key.
         */
        post: operations["simulateRefund"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/operations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve an operation
         * @description Retrieves the state of a write that was answered `202 Accepted`. Any
         *     key of the same partner and mode may read it.
         */
        get: operations["getOperation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    event: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * An event, delivered to your endpoint
         * @description What Koban POSTs to your webhook endpoints: the event exactly as
         *     `GET /v1/events/{id}` renders it, signed per [Standard
         *     Webhooks](https://www.standardwebhooks.com/). To verify a delivery,
         *     compute `base64(HMAC-SHA256(key, "{webhook-id}.{webhook-timestamp}.{body}"))`
         *     with the key being the base64-decoded part of your secret after
         *     `whsec_`, and compare it in constant time with each `v1,` signature
         *     in `webhook-signature`; refuse timestamps more than 5 minutes away.
         *     Answer `2xx` within 10 seconds; anything else is retried. Deliveries
         *     may arrive more than once and out of order: use `webhook-id` (the
         *     event's id) to ignore repeats.
         */
        post: operations["receiveEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    fundingRequest: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * An authorization, for your gateway to decide
         * @description What Koban POSTs to a `jit_gateway` funding source's URL for each
         *     authorization it pays for, signed per [Standard
         *     Webhooks](https://www.standardwebhooks.com/) with the source's secret:
         *     verify it as a [delivered event](#tag/webhooks/operation/receiveEvent)
         *     (`base64(HMAC-SHA256(key, "{webhook-id}.{webhook-timestamp}.{body}"))`,
         *     the key being the base64-decoded part of the secret after `whsec_`;
         *     refuse timestamps more than 5 minutes away).
         *
         *     Answer `2xx` with `{"approved": true}` to approve (the amount is then
         *     held on the program's funding account) or `{"approved": false}` to
         *     decline (`partner_declined`), before `respond_by` (the source's
         *     `deadline_ms`). Anything else (no answer in time, a refused
         *     connection, a status other than `2xx`, a body without a boolean
         *     `approved`) is decided by the source's `stand_in` rule, and is not
         *     retried. No card number or security code is ever sent.
         *
         *     A request is sent once per authorization; should Koban fail between
         *     asking and recording your answer, it asks again with the same
         *     `webhook-id` (the authorization's id): answer repeats alike.
         */
        post: operations["fundingRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        /**
         * @description A cardholder's id.
         * @example ch_01m8ayvv4mez1rqnr8s04eww7a
         */
        CardholderId: string;
        /**
         * @description An operation's id.
         * @example op_01m8ayvv4mez1rqnr8sb2ys784
         */
        OperationId: string;
        /**
         * @description `individual`: a person. `business`: a company, whose employees can be
         *     individual cardholders that belong to it.
         * @enum {string}
         */
        CardholderType: "individual" | "business";
        /**
         * @description `active`: cards can be issued and used. `suspended`: temporarily blocked,
         *     cards decline. `closed`: permanently closed, final.
         * @enum {string}
         */
        CardholderStatus: "active" | "suspended" | "closed";
        /**
         * @description Where identity verification stands. `pending`: not yet decided.
         *     `verified`: passed. `rejected`: failed; cards cannot be used.
         *     `needs_review`: Koban's compliance staff are reviewing it.
         * @enum {string}
         */
        KycStatus: "pending" | "verified" | "rejected" | "needs_review";
        /** @description The person's name, as on their identity documents. */
        Individual: {
            first_name: string;
            last_name: string;
        };
        /** @description The company. */
        Business: {
            /** @description The registered legal name of the company. */
            legal_name: string;
        };
        /** Format: email */
        Email: string;
        /** @description In E.164 format, e.g. `+819012345678`. */
        PhoneNumber: string;
        /**
         * @description Your own key-value pairs, stored and returned as given: up to 20 keys of
         *     at most 40 characters, each with a string value of at most 500
         *     characters. Don't put sensitive data here.
         */
        Metadata: {
            [key: string]: string;
        };
        /**
         * @description An officially assigned ISO 3166-1 alpha-2 country code, in upper case
         *     (`JP`, `US`).
         * @example JP
         */
        CountryCode: string;
        /** @description A postal address. */
        Address: {
            /** @description Street, block and building number. */
            line1: string;
            /** @description Building name, floor, room; or `null`. */
            line2: string | null;
            /** @description City, ward or town. */
            city: string;
            /** @description State, prefecture or province; or `null`. */
            state: string | null;
            postal_code: string;
            country: components["schemas"]["CountryCode"];
        };
        /** @description A postal address; `line2` and `state` may be left out. */
        AddressInput: {
            /** @description Street, block and building number. */
            line1: string;
            /** @description Building name, floor, room. */
            line2?: string;
            /** @description City, ward or town. */
            city: string;
            /** @description State, prefecture or province. */
            state?: string;
            postal_code: string;
            country: components["schemas"]["CountryCode"];
        };
        /**
         * @description You verified this person's (or company's) identity with your own KYC
         *     process, and take responsibility for it: the cardholder is created
         *     with `kyc_status: verified`.
         */
        KycAttestation: {
            /** @constant */
            method: "partner";
            /**
             * Format: date-time
             * @description When you verified them; now if left out. Not in the future (a few
             *     minutes of clock difference are tolerated), else `400
             *     parameter_invalid` with `param: kyc.verified_at`.
             */
            verified_at?: string;
            /** @description Your own reference for the check, kept for audits. */
            reference?: string;
        };
        /**
         * @description The fields to change; those left out stay as they are. `null` clears
         *     `email`, `phone_number` or `address`.
         */
        CardholderUpdateRequest: {
            email?: components["schemas"]["Email"] | null;
            phone_number?: components["schemas"]["PhoneNumber"] | null;
            /** @description The new address, replacing the old one whole; `null` removes it. */
            address?: components["schemas"]["AddressInput"] | null;
            /**
             * @description New names of an individual; either may be left out. Refused with
             *     `400 parameter_unknown` for a business.
             */
            individual?: {
                first_name?: string;
                last_name?: string;
            };
            /**
             * @description Merged into the cardholder's metadata: each key is set to its value,
             *     or removed if the value is `null`. The result holds at most 20 keys,
             *     else `400 parameter_invalid` with `param: metadata`.
             */
            metadata?: {
                [key: string]: string | null;
            };
            status?: components["schemas"]["CardholderStatus"];
            /** @description The cardholder's new spend controls, replacing the old ones whole. */
            spend_controls?: components["schemas"]["SpendControlsInput"];
        };
        /** @description The KYC result to simulate. */
        KycSimulationRequest: {
            /**
             * @description `verified`: the check passed. `rejected`: it failed. `needs_review`:
             *     it needs a person's review, to be followed by `verified` or
             *     `rejected`.
             * @enum {string}
             */
            status: "verified" | "rejected" | "needs_review";
            /** @description Why, as a compliance officer would note it. */
            reason?: string;
        };
        /**
         * @description Set `type` and the matching object. Fields that don't apply to the
         *     `type` (for example `business` on an individual) are rejected with
         *     `400 parameter_unknown`.
         */
        CardholderCreateRequest: components["schemas"]["IndividualCardholderCreateRequest"] | components["schemas"]["BusinessCardholderCreateRequest"];
        /** Individual */
        IndividualCardholderCreateRequest: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "individual";
            individual: components["schemas"]["Individual"];
            /**
             * @description The business cardholder this person belongs to, for corporate cards.
             *     It must be a business cardholder of yours in the same mode, or the
             *     request fails with `422 business_not_found`.
             */
            business_id?: components["schemas"]["CardholderId"];
            email?: components["schemas"]["Email"];
            phone_number?: components["schemas"]["PhoneNumber"];
            address?: components["schemas"]["AddressInput"];
            metadata?: components["schemas"]["Metadata"];
            kyc?: components["schemas"]["KycAttestation"];
            /** @description The cardholder's own limits, across all its cards; none if left out. */
            spend_controls?: components["schemas"]["SpendControlsInput"];
        };
        /** Business */
        BusinessCardholderCreateRequest: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "business";
            business: components["schemas"]["Business"];
            email?: components["schemas"]["Email"];
            phone_number?: components["schemas"]["PhoneNumber"];
            address?: components["schemas"]["AddressInput"];
            metadata?: components["schemas"]["Metadata"];
            kyc?: components["schemas"]["KycAttestation"];
            /** @description The cardholder's own limits, across all its cards; none if left out. */
            spend_controls?: components["schemas"]["SpendControlsInput"];
        };
        /**
         * @description A hold placed by Koban's compliance team. While it is on, every authorization
         *     declines (`card_frozen` on a held card, `cardholder_inactive` on any card of
         *     a held cardholder, including cards issued while it is on), and activating, unfreezing, reactivating or replacing is
         *     refused with `409 compliance_hold`; freezing, suspending and closing are
         *     still allowed. Only Koban lifts it; the object's `status` is then as you left it.
         *     Placing or lifting a hold sends `card.updated` or `cardholder.updated`.
         */
        ComplianceHold: {
            /** @description Why Koban placed the hold. */
            reason: string;
            /** Format: date-time */
            placed_at: string;
        };
        /** @description A person or company you issue cards to. */
        Cardholder: {
            id: components["schemas"]["CardholderId"];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            object: "cardholder";
            /** @description `true` in live mode, `false` in test mode. */
            livemode: boolean;
            type: components["schemas"]["CardholderType"];
            status: components["schemas"]["CardholderStatus"];
            kyc_status: components["schemas"]["KycStatus"];
            /** @description The person, for `type: individual`; otherwise `null`. */
            individual: components["schemas"]["Individual"] | null;
            /** @description The company, for `type: business`; otherwise `null`. */
            business: components["schemas"]["Business"] | null;
            /** @description The business cardholder this individual belongs to, or `null`. */
            business_id: string | null;
            /** Format: email */
            email: string | null;
            /** @description In E.164 format, or `null`. */
            phone_number: string | null;
            /** @description The postal address, or `null` if none was given. */
            address: components["schemas"]["Address"] | null;
            metadata: components["schemas"]["Metadata"];
            /**
             * @description The cardholder's own limits, on the authorizations of all its cards
             *     together (each card's own apply as well). No limits unless you set
             *     them.
             */
            spend_controls: components["schemas"]["SpendControls"];
            /** @description Koban's compliance hold, or `null` when there is none. */
            compliance_hold: components["schemas"]["ComplianceHold"] | null;
            /** Format: date-time */
            created_at: string;
        };
        /** @description A page of cardholders, newest first. */
        CardholderList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["Cardholder"][];
            /** @description Whether there are more cardholders after this page. */
            has_more: boolean;
            /**
             * @description Pass as `starting_after` to get the next page; `null` when
             *     `has_more` is `false`.
             */
            next_cursor: string | null;
        };
        /**
         * @description A program's id.
         * @example prg_01m8ayvv4mez1rqnr8s0p0g7am
         */
        ProgramId: string;
        /**
         * @description A card's id.
         * @example card_01m8ayvv4mez1rqnr8s0c4rd01
         */
        CardId: string;
        /** @description A funding source's id. */
        FundingSourceId: string;
        /**
         * @description A card program: the BIN range, currency and time zone your cards are
         *     issued under, in one mode. Koban sets programs up with you; every
         *     sandbox starts with a test program (JPY, Asia/Tokyo, a test BIN).
         */
        Program: {
            id: components["schemas"]["ProgramId"];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            object: "program";
            /** @description `true` in live mode, `false` in test mode. */
            livemode: boolean;
            name: string;
            /**
             * @description ISO 4217 code of the program's money (`JPY`): amounts of its cards'
             *     spend controls are in this currency's minor unit.
             */
            currency: string;
            /**
             * @description IANA time zone (`Asia/Tokyo`) of the program's calendar: daily and
             *     monthly limits, settlement days, and the month a card expires in.
             */
            timezone: string;
            /** @description The first 6 to 8 digits of the program's card numbers. */
            bin_prefix: string;
            /** @description What a card issued without `spend_controls` of its own starts with. */
            default_spend_controls: components["schemas"]["SpendControls"];
            /** @description Pays for the program's cards that have no funding source of their own; `null` for none yet. */
            default_funding_source_id: components["schemas"]["FundingSourceId"] | null;
            /** Format: date-time */
            created_at: string;
        };
        /** @description A page of programs, newest first. */
        ProgramList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["Program"][];
            has_more: boolean;
            /** @description Pass as `starting_after` for the next page; `null` on the last. */
            next_cursor: string | null;
        };
        /**
         * @description `virtual`: a number only. `physical`: also a plastic card.
         * @enum {string}
         */
        CardType: "virtual" | "physical";
        /**
         * @description See the statuses under [cards](#tag/cards).
         * @enum {string}
         */
        CardStatus: "inactive" | "active" | "frozen" | "closed";
        /**
         * @description Why you close the card.
         * @enum {string}
         */
        CardCloseReason: "lost" | "stolen" | "expired" | "cardholder_request" | "fraud";
        /**
         * @description Why a card is replaced. `lost` and `stolen` close the original at once;
         *     `damaged` and `expired` keep it working until the replacement is
         *     activated.
         * @enum {string}
         */
        CardReplacementReason: "lost" | "stolen" | "damaged" | "expired";
        /** @description In the minor unit of the program's currency; `null` for no limit. */
        AmountLimit: number | null;
        /** @description A number of authorizations; `null` for no limit. */
        CountLimit: number | null;
        /** @description A 4-digit merchant category code. */
        Mcc: string;
        /**
         * @description Limits on the card's authorizations. Amounts are in the minor unit of
         *     the program's currency (JPY has none: ¥500 is `500`); days and months
         *     are calendar ones in the program's time zone. A `null` limit is no
         *     limit; an empty list is no restriction. A limit is never above one of
         *     a wider period, and a dimension has an allow list or a block list,
         *     not both.
         */
        SpendControls: {
            amount_limits: {
                per_authorization: components["schemas"]["AmountLimit"];
                daily: components["schemas"]["AmountLimit"];
                monthly: components["schemas"]["AmountLimit"];
                lifetime: components["schemas"]["AmountLimit"];
            };
            count_limits: {
                daily: components["schemas"]["CountLimit"];
                monthly: components["schemas"]["CountLimit"];
            };
            allowed_mccs: components["schemas"]["Mcc"][];
            blocked_mccs: components["schemas"]["Mcc"][];
            allowed_countries: components["schemas"]["CountryCode"][];
            blocked_countries: components["schemas"]["CountryCode"][];
        };
        /**
         * @description Spend controls as you set them: they replace the card's (or the
         *     cardholder's) whole, and whatever you leave out has no limit or
         *     restriction. The rules of
         *     [SpendControls](#schema/SpendControls) apply; breaking one is `400
         *     parameter_invalid` with `param` naming the field (e.g.
         *     `spend_controls.amount_limits.daily`).
         */
        SpendControlsInput: {
            amount_limits?: {
                per_authorization?: components["schemas"]["AmountLimit"];
                daily?: components["schemas"]["AmountLimit"];
                monthly?: components["schemas"]["AmountLimit"];
                lifetime?: components["schemas"]["AmountLimit"];
            };
            count_limits?: {
                daily?: components["schemas"]["CountLimit"];
                monthly?: components["schemas"]["CountLimit"];
            };
            allowed_mccs?: components["schemas"]["Mcc"][];
            blocked_mccs?: components["schemas"]["Mcc"][];
            allowed_countries?: components["schemas"]["CountryCode"][];
            blocked_countries?: components["schemas"]["CountryCode"][];
        };
        /**
         * @description A new card (`cardholder_id`, `type`, optionally `program_id`,
         *     `spend_controls` and `funding_source_id`), or a replacement (`replacement_for` and
         *     `replacement_reason` only). A field that does not apply is `400
         *     parameter_unknown`.
         */
        CardCreateRequest: {
            cardholder_id?: components["schemas"]["CardholderId"];
            /** @description Required unless you have exactly one program in this mode. */
            program_id?: components["schemas"]["ProgramId"];
            type?: components["schemas"]["CardType"];
            spend_controls?: components["schemas"]["SpendControlsInput"];
            /**
             * @description The funding source that pays for this card's authorizations; its
             *     program's when left out (and, when the program has none, the
             *     cardholder's prepaid balance).
             */
            funding_source_id?: components["schemas"]["FundingSourceId"];
            /** @description The card this one replaces. */
            replacement_for?: components["schemas"]["CardId"];
            replacement_reason?: components["schemas"]["CardReplacementReason"];
        };
        CardUpdateRequest: {
            spend_controls: components["schemas"]["SpendControlsInput"];
        };
        CardCloseRequest: {
            reason: components["schemas"]["CardCloseReason"];
        };
        /** @description A payment card of one of your cardholders. Its number is never part of it. */
        Card: {
            id: components["schemas"]["CardId"];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            object: "card";
            /** @description `true` in live mode, `false` in test mode. */
            livemode: boolean;
            cardholder_id: components["schemas"]["CardholderId"];
            program_id: components["schemas"]["ProgramId"];
            type: components["schemas"]["CardType"];
            status: components["schemas"]["CardStatus"];
            /** @description The last four digits of the card's number. */
            last4: string;
            exp_month: number;
            exp_year: number;
            spend_controls: components["schemas"]["SpendControls"];
            /** @description The card's own funding source, or `null` when its program's pays. */
            funding_source_id: components["schemas"]["FundingSourceId"] | null;
            /**
             * @description Why the card was closed (`replaced`: by Koban, when its replacement
             *     was activated); `null` while it is open.
             */
            closed_reason: ("lost" | "stolen" | "expired" | "cardholder_request" | "fraud" | "replaced") | null;
            /** @description The card this one replaced, or `null`. */
            replacement_for: components["schemas"]["CardId"] | null;
            /** @description Why this card replaced `replacement_for`, or `null`. */
            replacement_reason: components["schemas"]["CardReplacementReason"] | null;
            /** @description The card that replaced this one, or `null`. */
            replaced_by: components["schemas"]["CardId"] | null;
            /** @description Koban's compliance hold, or `null` when there is none. */
            compliance_hold: components["schemas"]["ComplianceHold"] | null;
            /** Format: date-time */
            created_at: string;
        };
        /** @description A page of cards, newest first. */
        CardList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["Card"][];
            has_more: boolean;
            /** @description Pass as `starting_after` for the next page; `null` on the last. */
            next_cursor: string | null;
        };
        /** @description The card's number and security code. Never log or store them. */
        CardDetails: {
            /** @description The full card number (PAN). */
            number: string;
            /** @description The 3-digit security code. */
            cvc: string;
            exp_month: number;
            exp_year: number;
        };
        /** @description The state and result of a write that was answered `202 Accepted`. */
        Operation: {
            id: components["schemas"]["OperationId"];
            /** @constant */
            object: "operation";
            /**
             * @description `pending`: still in progress; poll again. `succeeded`: done, see
             *     `resource`. `failed`: the write was refused, see `error`.
             * @enum {string}
             */
            status: "pending" | "succeeded" | "failed";
            /** Format: date-time */
            created_at: string;
            /**
             * Format: date-time
             * @description When the operation succeeded or failed; `null` while pending.
             */
            completed_at: string | null;
            /**
             * @description Once `succeeded`, the object the write created or changed; fetch it
             *     with the matching `GET`. Otherwise `null`.
             */
            resource: {
                /** @description The kind of object, as in its `object` field, e.g. `cardholder`. */
                type: string;
                /** @description The object's id. */
                id: string;
            } | null;
            /**
             * @description Once `failed`, the problem the write would have answered directly,
             *     e.g. `business_not_found`. Otherwise `null`.
             */
            error: components["schemas"]["Problem"] | null;
        };
        /**
         * @description An error, as [RFC 9457](https://www.rfc-editor.org/rfc/rfc9457) problem
         *     details. See [Errors](#section/Errors) for every `code`.
         */
        Problem: {
            /**
             * Format: uri-reference
             * @description A URI identifying the kind of problem; it leads to its documentation.
             */
            type: string;
            /** @description A short summary of the kind of problem, for people. */
            title: string;
            /** @description The HTTP status code. */
            status: number;
            /** @description What went wrong with this request, for people. */
            detail: string;
            /**
             * @description Stable and machine-readable: branch on this. Listed with their
             *     meaning under [Errors](#section/Errors).
             * @enum {string}
             */
            code: "invalid_request" | "invalid_json" | "parameter_missing" | "parameter_invalid" | "parameter_unknown" | "authentication_required" | "invalid_api_key" | "permission_denied" | "partner_suspended" | "resource_not_found" | "route_not_found" | "method_not_allowed" | "idempotency_in_progress" | "invalid_state_transition" | "compliance_hold" | "payload_too_large" | "unsupported_media_type" | "idempotency_key_reused" | "business_not_found" | "cardholder_not_found" | "cardholder_closed" | "program_not_found" | "insufficient_funds" | "funding_source_not_found" | "rate_limited" | "internal_error" | "service_unavailable";
            /**
             * @description The field, query parameter or header at fault, as a dotted path
             *     (e.g. `individual.first_name`).
             */
            param?: string;
            /** @description The id of the request, as in its `Request-Id` header. */
            request_id: string;
        };
        /**
         * @description An event's id.
         * @example evt_01m8ayvv4mez1rqnr8s0p0g7am
         */
        EventId: string;
        /**
         * @description What happened. See [Events](#tag/events).
         * @enum {string}
         */
        EventType: "authorization.created" | "authorization.expired" | "authorization.reversed" | "card.activated" | "card.closed" | "card.created" | "card.frozen" | "card.replaced" | "card.unfrozen" | "card.updated" | "cardholder.closed" | "cardholder.created" | "cardholder.kyc_rejected" | "cardholder.kyc_review_requested" | "cardholder.kyc_verified" | "cardholder.reactivated" | "cardholder.suspended" | "cardholder.updated" | "program.created" | "settlement.created" | "settlement.posted" | "transaction.created";
        /** @description Something that happened to one of your resources, with the resource as it was right after. */
        Event: {
            id: components["schemas"]["EventId"];
            /** @constant */
            object: "event";
            type: components["schemas"]["EventType"];
            /**
             * Format: date-time
             * @description When it happened.
             */
            created_at: string;
            livemode: boolean;
            data: {
                /** @description The resource the event is about (its `object` says which), as the API renders it. */
                object: components["schemas"]["Cardholder"] | components["schemas"]["Card"] | components["schemas"]["Program"] | components["schemas"]["Authorization"] | components["schemas"]["Transaction"] | components["schemas"]["Settlement"];
            };
        };
        /** @description A page of events, newest first. */
        EventList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["Event"][];
            has_more: boolean;
            /** @description Pass as `starting_after` for the next page; `null` on the last. */
            next_cursor: string | null;
        };
        /**
         * @description A webhook endpoint's id.
         * @example we_01m8ayvv4mez1rqnr8s0p0g7am
         */
        WebhookEndpointId: string;
        /**
         * @description A webhook delivery's id.
         * @example whd_01m8ayvv4mez1rqnr8s0p0g7am
         */
        WebhookDeliveryId: string;
        /** @description An event type (`card.frozen`), every type of one resource (`card.*`), or every event (`*`). */
        WebhookEventSelector: components["schemas"]["EventType"] | ("*" | "authorization.*" | "card.*" | "cardholder.*" | "program.*" | "settlement.*" | "transaction.*");
        /**
         * @description `enabled`: receives events. `disabled`: receives nothing.
         * @enum {string}
         */
        WebhookEndpointStatus: "enabled" | "disabled";
        /**
         * Format: uri
         * @description Where deliveries are POSTed. `https` in live mode; no credentials in the URL.
         * @example https://example.com/koban/webhooks
         */
        WebhookUrl: string;
        WebhookEndpointCreateRequest: {
            url: components["schemas"]["WebhookUrl"];
            /** @description The events this endpoint receives. */
            enabled_events: components["schemas"]["WebhookEventSelector"][];
            description?: string | null;
            status?: components["schemas"]["WebhookEndpointStatus"];
        };
        WebhookEndpointUpdateRequest: {
            url?: components["schemas"]["WebhookUrl"];
            enabled_events?: components["schemas"]["WebhookEventSelector"][];
            description?: string | null;
            status?: components["schemas"]["WebhookEndpointStatus"];
        };
        WebhookSecretRotateRequest: {
            /**
             * @description How long the previous secret keeps signing deliveries.
             * @default 86400
             */
            expires_in_seconds?: number;
        };
        /** @description A URL of yours that receives events as signed webhooks. */
        WebhookEndpoint: {
            id: components["schemas"]["WebhookEndpointId"];
            /** @constant */
            object: "webhook_endpoint";
            url: components["schemas"]["WebhookUrl"];
            enabled_events: components["schemas"]["WebhookEventSelector"][];
            description: string | null;
            status: components["schemas"]["WebhookEndpointStatus"];
            livemode: boolean;
            /** Format: date-time */
            created_at: string;
            /**
             * Format: date-time
             * @description When the secret was last rotated; `null` if never.
             */
            secret_rotated_at: string | null;
        };
        DeletedWebhookEndpoint: {
            id: components["schemas"]["WebhookEndpointId"];
            /** @constant */
            object: "webhook_endpoint";
            /** @constant */
            deleted: true;
        };
        WebhookEndpointSecret: {
            /** @constant */
            object: "webhook_endpoint_secret";
            /** @description The current signing secret, `whsec_` and the base64 of the key. */
            secret: string;
            /**
             * Format: date-time
             * @description Until when deliveries are also signed with the previous secret; `null` when they are not.
             */
            previous_secret_expires_at: string | null;
        };
        /** @description A page of webhook endpoints, newest first. */
        WebhookEndpointList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["WebhookEndpoint"][];
            has_more: boolean;
            /** @description Pass as `starting_after` for the next page; `null` on the last. */
            next_cursor: string | null;
        };
        /**
         * @description `pending`: not yet answered with a `2xx`, another attempt is scheduled.
         *     `succeeded`: an attempt was answered with a `2xx`. `failed`: every
         *     scheduled attempt failed. `canceled`: the endpoint was disabled or
         *     deleted before it succeeded.
         * @enum {string}
         */
        WebhookDeliveryStatus: "pending" | "succeeded" | "failed" | "canceled";
        /** @description One attempt to deliver an event. */
        WebhookAttempt: {
            /** Format: date-time */
            attempted_at: string;
            /** @description Whether your endpoint answered with a `2xx` in time. */
            succeeded: boolean;
            /** @description Your endpoint's HTTP status; `null` if it did not answer. */
            response_status: number | null;
            /** @description From sending the request to the end of the answer (or to the failure). */
            latency_ms: number;
            /** @description Why the attempt failed without a status (a timeout, a refused connection, a refused address); else `null`. */
            error: string | null;
        };
        /**
         * @description The delivery of one event to one endpoint. Koban tries at once, then
         *     after 5 seconds, 5 minutes, 30 minutes, 2 hours, 5 hours, 10 hours and
         *     10 hours (about 28 hours in all, with some jitter) until an attempt
         *     is answered with a `2xx` within 10 seconds.
         */
        WebhookDelivery: {
            id: components["schemas"]["WebhookDeliveryId"];
            /** @constant */
            object: "webhook_delivery";
            endpoint_id: components["schemas"]["WebhookEndpointId"];
            event_id: components["schemas"]["EventId"];
            event_type: components["schemas"]["EventType"];
            status: components["schemas"]["WebhookDeliveryStatus"];
            /** @description Every attempt, oldest first. */
            attempts: components["schemas"]["WebhookAttempt"][];
            /**
             * Format: date-time
             * @description When the next attempt is due; `null` unless `pending`.
             */
            next_attempt_at: string | null;
            livemode: boolean;
            /** Format: date-time */
            created_at: string;
        };
        /** @description A page of deliveries, newest first. */
        WebhookDeliveryList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["WebhookDelivery"][];
            has_more: boolean;
            /** @description Pass as `starting_after` for the next page; `null` on the last. */
            next_cursor: string | null;
        };
        /**
         * @description `prefunded`: the cardholder's prepaid balance. `jit_gateway`: your endpoint decides each authorization.
         * @enum {string}
         */
        FundingSourceType: "prefunded" | "jit_gateway";
        /**
         * @description What decides when your gateway gives no usable answer in time.
         * @enum {string}
         */
        StandInRule: "approve" | "decline";
        /** @description Your gateway, for a `jit_gateway` source. */
        JitGateway: {
            /**
             * Format: uri
             * @description Where requests are POSTed. `https` in live mode; no credentials in the URL.
             * @example https://example.com/koban/funding
             */
            url: string;
            /** @description How long Koban waits for your answer, in milliseconds. */
            deadline_ms: number;
            stand_in: components["schemas"]["StandInRule"];
        };
        FundingSourceCreateRequest: {
            type: components["schemas"]["FundingSourceType"];
            description?: string | null;
            /** @description Required for a `jit_gateway` source; not allowed for a `prefunded` one. */
            jit_gateway?: {
                /** Format: uri */
                url: string;
                /** @default 1500 */
                deadline_ms?: number;
                /** @default decline */
                stand_in?: components["schemas"]["StandInRule"];
            };
        };
        FundingSourceUpdateRequest: {
            description?: string | null;
            /** @description The gateway's fields to change (a `jit_gateway` source only). */
            jit_gateway?: {
                /** Format: uri */
                url?: string;
                deadline_ms?: number;
                stand_in?: components["schemas"]["StandInRule"];
            };
        };
        /** @description Where the money for your cards' authorizations comes from. */
        FundingSource: {
            id: components["schemas"]["FundingSourceId"];
            /** @constant */
            object: "funding_source";
            type: components["schemas"]["FundingSourceType"];
            description: string | null;
            /** @description The gateway of a `jit_gateway` source; `null` for a `prefunded` one. */
            jit_gateway: components["schemas"]["JitGateway"] | null;
            livemode: boolean;
            /** Format: date-time */
            created_at: string;
        };
        FundingSourceSecret: {
            /** @constant */
            object: "funding_source_secret";
            /** @description The signing secret, `whsec_` and the base64 of the key. */
            secret: string;
        };
        /** @description A page of funding sources, newest first. */
        FundingSourceList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["FundingSource"][];
            has_more: boolean;
            next_cursor: components["schemas"]["FundingSourceId"] | null;
        };
        /** @description An authorization your gateway decides. Fields may be added; ignore those you do not know. */
        FundingRequest: {
            /** @constant */
            type: "funding.authorization_request";
            authorization_id: components["schemas"]["AuthorizationId"];
            funding_source_id: components["schemas"]["FundingSourceId"];
            livemode: boolean;
            card_id: components["schemas"]["CardId"];
            card_last4: string;
            cardholder_id: components["schemas"]["CardholderId"];
            program_id: components["schemas"]["ProgramId"];
            /** @description In the currency's minor unit (JPY has none). */
            amount: number;
            currency: string;
            merchant: {
                name: string;
                /** @description ISO 18245 merchant category code. */
                mcc: string;
                country: string;
                /** @description The network's id of the merchant (card acceptor id). */
                network_id: string | null;
            };
            /** Format: date-time */
            requested_at: string;
            /**
             * Format: date-time
             * @description After this, the source's stand-in rule decides.
             */
            respond_by: string;
        };
        /** @description Your gateway's decision. Other fields are ignored. */
        FundingResponse: {
            /** @description `true` approves; `false` declines (`partner_declined`). */
            approved: boolean;
        };
        /**
         * @description An account's id.
         * @example acct_01m8ayvv4mez1rqnr8s0p0g7am
         */
        AccountId: string;
        /**
         * @description A transfer's id.
         * @example tr_01m8ayvv4mez1rqnr8s0p0g7am
         */
        TransferId: string;
        /**
         * @description A deposit's id.
         * @example dep_01m8ayvv4mez1rqnr8s0p0g7am
         */
        DepositId: string;
        /**
         * @description An authorization's id.
         * @example auth_01m8ayvv4mez1rqnr8s0p0g7am
         */
        AuthorizationId: string;
        /** @description An amount in the currency's minor unit (yen for JPY, cents for USD). */
        Amount: number;
        /**
         * @description `posted`: settled money. `pending`: reserved by authorizations not yet
         *     cleared. `available`: what can be spent or moved now (`posted` − `pending`).
         */
        Balances: {
            available: number;
            pending: number;
            posted: number;
        };
        /** @description A ledger account of yours, with its balances. */
        Account: {
            id: components["schemas"]["AccountId"];
            /** @constant */
            object: "account";
            /**
             * @description `program_funding`: a program's money, from your deposits. `cardholder_prepaid`: a cardholder's balance, loaded from it.
             * @enum {string}
             */
            type: "program_funding" | "cardholder_prepaid";
            /** @description The program whose funding this is; `null` for a cardholder's balance. */
            program_id: components["schemas"]["ProgramId"] | null;
            /** @description The cardholder whose balance this is; `null` for a program's funding. */
            cardholder_id: components["schemas"]["CardholderId"] | null;
            currency: string;
            balances: components["schemas"]["Balances"];
            livemode: boolean;
            /** Format: date-time */
            created_at: string;
        };
        AccountList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["Account"][];
            has_more: boolean;
            next_cursor: string | null;
        };
        TransferCreateRequest: {
            /** @enum {string} */
            type: "load" | "unload";
            cardholder_id: components["schemas"]["CardholderId"];
            amount: components["schemas"]["Amount"];
            /** @description The program whose funding account is used; may be left out when you have one program in this mode. */
            program_id?: components["schemas"]["ProgramId"];
        };
        /** @description Money moved between a program's funding account and a cardholder's balance. */
        Transfer: {
            id: components["schemas"]["TransferId"];
            /** @constant */
            object: "transfer";
            /** @enum {string} */
            type: "load" | "unload";
            program_id: components["schemas"]["ProgramId"];
            cardholder_id: components["schemas"]["CardholderId"];
            amount: components["schemas"]["Amount"];
            currency: string;
            livemode: boolean;
            /** Format: date-time */
            created_at: string;
        };
        TransferList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["Transfer"][];
            has_more: boolean;
            next_cursor: string | null;
        };
        DepositSimulationRequest: {
            amount: components["schemas"]["Amount"];
            /** @description The program to fund; may be left out when you have one program in this mode. */
            program_id?: components["schemas"]["ProgramId"];
            description?: string;
        };
        /** @description Money that reached a program's funding account. */
        Deposit: {
            id: components["schemas"]["DepositId"];
            /** @constant */
            object: "deposit";
            program_id: components["schemas"]["ProgramId"];
            amount: components["schemas"]["Amount"];
            currency: string;
            description: string | null;
            livemode: boolean;
            /** Format: date-time */
            created_at: string;
        };
        /**
         * @description `requested`: being decided. `pending`: approved, its amount held until
         *     the network clears it. `declined`: refused (see `decline_reason`).
         *     `closed`: cleared. `reversed`: released by the merchant. `expired`:
         *     never cleared, the hold released.
         * @enum {string}
         */
        AuthorizationStatus: "requested" | "pending" | "declined" | "closed" | "reversed" | "expired";
        /**
         * @description Why an authorization was declined. Stable; new reasons may be added.
         * @enum {string}
         */
        DeclineReason: "insufficient_funds" | "card_inactive" | "card_frozen" | "card_closed" | "card_expired" | "cvv_mismatch" | "cardholder_inactive" | "kyc_incomplete" | "spend_limit_exceeded" | "velocity_count_exceeded" | "merchant_blocked" | "country_blocked" | "partner_declined" | "partner_timeout" | "system_error" | "do_not_honor";
        Merchant: {
            name: string;
            /** @description The merchant category code (ISO 18245). */
            mcc: string;
            country: string;
            /** @description The network's id of the merchant. */
            network_id: string | null;
        };
        ParticipantResult: {
            /** @enum {string} */
            outcome: "ok" | "ng" | "failure";
            reason?: components["schemas"]["DeclineReason"];
            error?: string;
        };
        /** @description One step of the decision, as the participant that took it recorded it. */
        AuthorizationTimelineEntry: {
            /** Format: date-time */
            at: string;
            /**
             * @description `processing` (the request and the decision), or the context that checked: `card`, `cardholder`, `funding`, `account`.
             * @enum {string}
             */
            participant: "processing" | "card" | "cardholder" | "funding" | "account";
            /**
             * @description `requested`, `checked` (the participant's verdict), `approved` or `declined` (the decision), `settled` (the participant confirmed or canceled its part), `reversed` (the network released `amount`, `remaining_amount` stays authorized), `expired` (never cleared, its hold lapsed: `amount` released), `advised` (the network decided on Koban's behalf and said so: `response_code`).
             * @enum {string}
             */
            step: "requested" | "checked" | "approved" | "declined" | "settled" | "reversed" | "expired" | "advised";
            result?: components["schemas"]["ParticipantResult"];
            /** @enum {string} */
            state?: "confirmed" | "canceled";
            reason?: components["schemas"]["DeclineReason"];
            approval_code?: string;
            hold_id?: string | null;
            funding_source_id?: string | null;
            stand_in?: boolean;
            amount?: number;
            remaining_amount?: number;
            response_code?: string;
            currency?: string;
        };
        /** @description The card network asked whether a card may pay; this is what Koban answered, and how. */
        Authorization: {
            id: components["schemas"]["AuthorizationId"];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            object: "authorization";
            card_id: components["schemas"]["CardId"];
            cardholder_id: components["schemas"]["CardholderId"];
            status: components["schemas"]["AuthorizationStatus"];
            amount: components["schemas"]["Amount"];
            currency: string;
            merchant: components["schemas"]["Merchant"];
            /** @description The network's references (system trace audit number, retrieval reference number). */
            network: {
                stan: string;
                rrn: string;
            };
            approval_code: string | null;
            decline_reason: components["schemas"]["DeclineReason"] | null;
            /**
             * @description What stays authorized (held on the balance): `amount` until a reversal releases some
             *     of it, 0 once reversed in full; 0 for one that was declined or expired.
             */
            remaining_amount: number;
            /** @description For an incremental authorization, the approved one it adds to; else `null`. */
            increment_of: components["schemas"]["AuthorizationId"] | null;
            livemode: boolean;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            decided_at: string | null;
            timeline: components["schemas"]["AuthorizationTimelineEntry"][];
        };
        AuthorizationSimulationRequest: {
            card_id: components["schemas"]["CardId"];
            amount: components["schemas"]["Amount"];
            /** @description The currency the merchant charges in; the card's program currency unless given. */
            currency?: string;
            /** @description Who is charging; a generic Tokyo shop unless given. */
            merchant?: {
                name: string;
                mcc: string;
                country: string;
            };
            /**
             * @description `match` sends the card's security code, `mismatch` a wrong one, `absent` none.
             * @default match
             * @enum {string}
             */
            cvv2?: "match" | "mismatch" | "absent";
            /**
             * @description `match` sends the card's expiry, `mismatch` another one.
             * @default match
             * @enum {string}
             */
            expiry?: "match" | "mismatch";
        };
        AuthorizationList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["Authorization"][];
            has_more: boolean;
            next_cursor: string | null;
        };
        /**
         * @description A transaction's id.
         * @example txn_01m8ayvv4mez1rqnr8s0p0g7am
         */
        TransactionId: string;
        /**
         * @description `purchase`: a presentment drawn from its authorization's hold (with a tip up to a fifth
         *     more); `refund`: money back to the card; `force_post`: a presentment with no live hold
         *     (none, declined, expired) or beyond the tolerance, posted even below zero.
         * @enum {string}
         */
        TransactionType: "purchase" | "refund" | "force_post";
        /** @description Who is charging; the authorization's merchant (or a generic Tokyo shop) unless given. */
        SimulationMerchant: {
            name: string;
            mcc: string;
            country: string;
        };
        /** @description Money the card network cleared and Koban posted in the ledger. */
        Transaction: {
            id: components["schemas"]["TransactionId"];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            object: "transaction";
            type: components["schemas"]["TransactionType"];
            amount: components["schemas"]["Amount"];
            currency: string;
            card_id: components["schemas"]["CardId"];
            cardholder_id: components["schemas"]["CardholderId"];
            /** @description The authorization it cleared; `null` for a record that named none Koban knows. */
            authorization_id: components["schemas"]["AuthorizationId"] | null;
            merchant: components["schemas"]["Merchant"];
            /** @description The clearing record's network ids. */
            network: {
                /** @description Acquirer reference number. */
                arn: string;
                /** @description The STAN and RRN of the authorization the record named, if any. */
                authorization: {
                    stan: string;
                    rrn: string;
                } | null;
                sequence: number;
                count: number;
            };
            /** @description What the authorization's hold paid, and what of it this (last) presentment released. */
            hold: {
                posted_amount: number;
                released_amount: number;
            };
            /** @description What was posted beyond the hold (a tip, or more). */
            excess_amount: number;
            /** @description Posted even though the balance could not cover it. */
            forced: boolean;
            /** @description How far below zero this took the balance; you owe it. */
            shortfall_amount: number;
            interchange_amount: number;
            /** Format: date */
            settlement_date: string;
            livemode: boolean;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            posted_at: string;
        };
        TransactionList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["Transaction"][];
            has_more: boolean;
            next_cursor: string | null;
        };
        /** @description Name the `authorization_id` to clear, or a `card_id` (with an `amount`) for a presentment with no authorization. */
        ClearingSimulationRequest: {
            authorization_id?: components["schemas"]["AuthorizationId"];
            card_id?: components["schemas"]["CardId"];
            amount?: components["schemas"]["Amount"];
            /**
             * @description This presentment's number among `count` of one authorization.
             * @default 1
             */
            sequence?: number;
            /** @default 1 */
            count?: number;
            merchant?: components["schemas"]["SimulationMerchant"];
        };
        RefundSimulationRequest: {
            card_id?: components["schemas"]["CardId"];
            authorization_id?: components["schemas"]["AuthorizationId"];
            amount: components["schemas"]["Amount"];
            merchant?: components["schemas"]["SimulationMerchant"];
        };
        /**
         * @description A settlement's id.
         * @example stl_01m8ayvv4mez1rqnr8s0p0g7am
         */
        SettlementId: string;
        /**
         * @description One day's settlement with the card network, per mode and currency: the posted
         *     transactions not settled before whose posting day (in the program's time zone) is
         *     `date` or earlier. Its net amount is posted in the ledger.
         */
        Settlement: {
            id: components["schemas"]["SettlementId"];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            object: "settlement";
            /** Format: date */
            date: string;
            currency: string;
            /** @description The time zone the day is counted in. */
            time_zone: string;
            /**
             * @description `posted` once its net amount is in the ledger.
             * @enum {string}
             */
            status: "calculated" | "posted";
            transaction_count: number;
            line_items: {
                /** @enum {string} */
                type: "purchase" | "refund" | "force_post" | "interchange";
                count: number;
                amount: number;
            }[];
            /** @description What the day's force posts took balances below zero by; you owe it. */
            shortfall_amount: number;
            /** @description Purchases and force posts, less refunds and interchange; negative when the network pays. */
            net_amount: number;
            livemode: boolean;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            posted_at: string | null;
        };
        SettlementList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["Settlement"][];
            has_more: boolean;
            next_cursor: string | null;
        };
    };
    responses: {
        /**
         * @description The request is malformed: a query parameter or header is missing,
         *     unknown or invalid (`parameter_missing`, `parameter_invalid`,
         *     `invalid_request`).
         */
        BadRequest: {
            headers: {
                "Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No API key was sent (`authentication_required`) or it is not valid (`invalid_api_key`). */
        Unauthorized: {
            headers: {
                "Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The API key lacks the scope this operation needs (`permission_denied`), or Koban has
         *     suspended the partner (`partner_suspended`).
         */
        Forbidden: {
            headers: {
                "Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description No such object, or it belongs to another partner or mode
         *     (`resource_not_found`).
         */
        NotFound: {
            headers: {
                "Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Too many requests (`rate_limited`). Retry after `Retry-After` seconds. */
        RateLimited: {
            headers: {
                "Request-Id": components["headers"]["RequestId"];
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Something went wrong on Koban's side (`internal_error`). */
        InternalError: {
            headers: {
                "Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description Koban is temporarily unable to answer, or the `Koban-Consistency` wait
         *     timed out (`service_unavailable`). Retry after `Retry-After` seconds.
         */
        ServiceUnavailable: {
            headers: {
                "Request-Id": components["headers"]["RequestId"];
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The request is malformed or fails validation: `invalid_json`,
         *     `parameter_missing`, `parameter_invalid`, `parameter_unknown` or
         *     `invalid_request`. `param` names the field at fault.
         */
        WriteBadRequest: {
            headers: {
                "Request-Id": components["headers"]["RequestId"];
                "Koban-Consistency": components["headers"]["KobanConsistency"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No API key was sent (`authentication_required`) or it is not valid (`invalid_api_key`). */
        WriteUnauthorized: {
            headers: {
                "Request-Id": components["headers"]["RequestId"];
                "Koban-Consistency": components["headers"]["KobanConsistency"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The API key lacks the scope this operation needs (`permission_denied`). */
        WriteForbidden: {
            headers: {
                "Request-Id": components["headers"]["RequestId"];
                "Koban-Consistency": components["headers"]["KobanConsistency"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The write was accepted and is still in progress. Poll the operation at
         *     `Location` until it has `succeeded` (its `resource` is the object
         *     written) or `failed`.
         */
        WriteAccepted: {
            headers: {
                "Request-Id": components["headers"]["RequestId"];
                "Koban-Consistency": components["headers"]["KobanConsistency"];
                Location: components["headers"]["OperationLocation"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Operation"];
            };
        };
        /**
         * @description No such object, or it belongs to another partner or mode
         *     (`resource_not_found`, `param: id`).
         */
        WriteNotFound: {
            headers: {
                "Request-Id": components["headers"]["RequestId"];
                "Koban-Consistency": components["headers"]["KobanConsistency"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The `Idempotency-Key` was already used with a different body (`idempotency_key_reused`). */
        WriteIdempotencyKeyReused: {
            headers: {
                "Request-Id": components["headers"]["RequestId"];
                "Koban-Consistency": components["headers"]["KobanConsistency"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description `idempotency_in_progress`: a request with the same `Idempotency-Key` is
         *     still being processed; retry shortly. `invalid_state_transition`: the
         *     object's state does not allow this change; do not retry. `compliance_hold`:
         *     Koban's compliance team holds the card or cardholder; do not retry.
         */
        WriteConflict: {
            headers: {
                "Request-Id": components["headers"]["RequestId"];
                "Koban-Consistency": components["headers"]["KobanConsistency"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The body is larger than the API accepts (`payload_too_large`). */
        WritePayloadTooLarge: {
            headers: {
                "Request-Id": components["headers"]["RequestId"];
                "Koban-Consistency": components["headers"]["KobanConsistency"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The body is not sent as `application/json` (`unsupported_media_type`). */
        WriteUnsupportedMediaType: {
            headers: {
                "Request-Id": components["headers"]["RequestId"];
                "Koban-Consistency": components["headers"]["KobanConsistency"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Too many requests (`rate_limited`). Retry after `Retry-After` seconds. */
        WriteRateLimited: {
            headers: {
                "Request-Id": components["headers"]["RequestId"];
                "Koban-Consistency": components["headers"]["KobanConsistency"];
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description Something went wrong on Koban's side (`internal_error`). Retrying with
         *     the same `Idempotency-Key` is safe.
         */
        WriteInternalError: {
            headers: {
                "Request-Id": components["headers"]["RequestId"];
                "Koban-Consistency": components["headers"]["KobanConsistency"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description Koban is temporarily unable to accept the write (`service_unavailable`).
         *     Retry after `Retry-After` seconds with the same `Idempotency-Key`.
         */
        WriteServiceUnavailable: {
            headers: {
                "Request-Id": components["headers"]["RequestId"];
                "Koban-Consistency": components["headers"]["KobanConsistency"];
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /**
         * @description A unique key for this write, so that retries don't repeat it. See
         *     [Idempotency](#section/Idempotency).
         * @example 5f0c9a3e-3b0e-4d7a-9f51-8f7c1e2d4b60
         */
        IdempotencyKey: string;
        /**
         * @description The `Koban-Consistency` token of one of your earlier writes. The request
         *     waits (briefly) until what it reads includes that write. See
         *     [Reading your own writes](#section/Reading-your-own-writes).
         */
        KobanConsistency: string;
        /** @description The cardholder's id. */
        CardholderIdPath: components["schemas"]["CardholderId"];
        /** @description The card's id. */
        CardIdPath: components["schemas"]["CardId"];
        /** @description The program's id. */
        ProgramIdPath: components["schemas"]["ProgramId"];
        /** @description The event's id. */
        EventIdPath: components["schemas"]["EventId"];
        /** @description The webhook endpoint's id. */
        WebhookEndpointIdPath: components["schemas"]["WebhookEndpointId"];
        /** @description The delivery's id. */
        WebhookDeliveryIdPath: components["schemas"]["WebhookDeliveryId"];
        /** @description The funding source's id. */
        FundingSourceIdPath: components["schemas"]["FundingSourceId"];
        /** @description The most objects to return. */
        Limit: number;
    };
    requestBodies: never;
    headers: {
        /**
         * @description The id of this request. Quote it when you contact support.
         * @example req_01m8ayvv4mez1rqnr8sc1q94nd
         */
        RequestId: string;
        /**
         * @description An opaque token for the point this write reached. Send it back as the
         *     `Koban-Consistency` header of a later `GET` to read your own write.
         */
        KobanConsistency: string;
        /**
         * @description The operation to poll, `/v1/operations/{id}`.
         * @example /v1/operations/op_01m8ayvv4mez1rqnr8sb2ys784
         */
        OperationLocation: string;
        /**
         * @description The number of seconds to wait before retrying.
         * @example 2
         */
        RetryAfter: number;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listCardholders: {
        parameters: {
            query?: {
                /** @description The most objects to return. */
                limit?: components["parameters"]["Limit"];
                /**
                 * @description A cursor: the `next_cursor` of the previous page. The list continues
                 *     with the cardholders that come after this one.
                 */
                starting_after?: components["schemas"]["CardholderId"];
                /** @description Only cardholders with this status. */
                status?: components["schemas"]["CardholderStatus"];
                /** @description Only cardholders of this type. */
                type?: components["schemas"]["CardholderType"];
                /** @description Only cardholders created at or after this time. */
                created_gte?: string;
                /** @description Only cardholders created before this time. */
                created_lt?: string;
            };
            header?: {
                /**
                 * @description The `Koban-Consistency` token of one of your earlier writes. The request
                 *     waits (briefly) until what it reads includes that write. See
                 *     [Reading your own writes](#section/Reading-your-own-writes).
                 */
                "Koban-Consistency"?: components["parameters"]["KobanConsistency"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of cardholders. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CardholderList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createCardholder: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A unique key for this write, so that retries don't repeat it. See
                 *     [Idempotency](#section/Idempotency).
                 * @example 5f0c9a3e-3b0e-4d7a-9f51-8f7c1e2d4b60
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CardholderCreateRequest"];
            };
        };
        responses: {
            /** @description The cardholder was created. */
            201: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "Koban-Consistency": components["headers"]["KobanConsistency"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Cardholder"];
                };
            };
            /**
             * @description The write was accepted and is still in progress. Poll the operation
             *     at `Location` until it has `succeeded` (its `resource.id` is the new
             *     cardholder) or `failed`.
             */
            202: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "Koban-Consistency": components["headers"]["KobanConsistency"];
                    Location: components["headers"]["OperationLocation"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Operation"];
                };
            };
            400: components["responses"]["WriteBadRequest"];
            401: components["responses"]["WriteUnauthorized"];
            403: components["responses"]["WriteForbidden"];
            409: components["responses"]["WriteConflict"];
            413: components["responses"]["WritePayloadTooLarge"];
            415: components["responses"]["WriteUnsupportedMediaType"];
            /**
             * @description The request is valid JSON but breaks a rule: `business_not_found`
             *     (`business_id` names no business cardholder of yours in this mode)
             *     or `idempotency_key_reused`.
             */
            422: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "Koban-Consistency": components["headers"]["KobanConsistency"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["WriteRateLimited"];
            500: components["responses"]["WriteInternalError"];
            503: components["responses"]["WriteServiceUnavailable"];
        };
    };
    getCardholder: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `Koban-Consistency` token of one of your earlier writes. The request
                 *     waits (briefly) until what it reads includes that write. See
                 *     [Reading your own writes](#section/Reading-your-own-writes).
                 */
                "Koban-Consistency"?: components["parameters"]["KobanConsistency"];
            };
            path: {
                /** @description The cardholder's id. */
                id: components["parameters"]["CardholderIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The cardholder. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Cardholder"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateCardholder: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A unique key for this write, so that retries don't repeat it. See
                 *     [Idempotency](#section/Idempotency).
                 * @example 5f0c9a3e-3b0e-4d7a-9f51-8f7c1e2d4b60
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The cardholder's id. */
                id: components["parameters"]["CardholderIdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CardholderUpdateRequest"];
            };
        };
        responses: {
            /** @description The cardholder, as changed. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "Koban-Consistency": components["headers"]["KobanConsistency"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Cardholder"];
                };
            };
            202: components["responses"]["WriteAccepted"];
            400: components["responses"]["WriteBadRequest"];
            401: components["responses"]["WriteUnauthorized"];
            403: components["responses"]["WriteForbidden"];
            404: components["responses"]["WriteNotFound"];
            409: components["responses"]["WriteConflict"];
            413: components["responses"]["WritePayloadTooLarge"];
            415: components["responses"]["WriteUnsupportedMediaType"];
            422: components["responses"]["WriteIdempotencyKeyReused"];
            429: components["responses"]["WriteRateLimited"];
            500: components["responses"]["WriteInternalError"];
            503: components["responses"]["WriteServiceUnavailable"];
        };
    };
    listPrograms: {
        parameters: {
            query?: {
                /** @description The most objects to return. */
                limit?: components["parameters"]["Limit"];
                /** @description A cursor, the `next_cursor` of the previous page. */
                starting_after?: components["schemas"]["ProgramId"];
            };
            header?: {
                /**
                 * @description The `Koban-Consistency` token of one of your earlier writes. The request
                 *     waits (briefly) until what it reads includes that write. See
                 *     [Reading your own writes](#section/Reading-your-own-writes).
                 */
                "Koban-Consistency"?: components["parameters"]["KobanConsistency"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of programs. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProgramList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getProgram: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `Koban-Consistency` token of one of your earlier writes. The request
                 *     waits (briefly) until what it reads includes that write. See
                 *     [Reading your own writes](#section/Reading-your-own-writes).
                 */
                "Koban-Consistency"?: components["parameters"]["KobanConsistency"];
            };
            path: {
                /** @description The program's id. */
                id: components["parameters"]["ProgramIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The program. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Program"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listCards: {
        parameters: {
            query?: {
                /** @description The most objects to return. */
                limit?: components["parameters"]["Limit"];
                /** @description A cursor, the `next_cursor` of the previous page. */
                starting_after?: components["schemas"]["CardId"];
                /** @description Only cards with this status. */
                status?: components["schemas"]["CardStatus"];
                /** @description Only cards of this type. */
                type?: components["schemas"]["CardType"];
                /** @description Only this cardholder's cards. */
                cardholder_id?: components["schemas"]["CardholderId"];
                /** @description Only cards issued at or after this time. */
                created_gte?: string;
                /** @description Only cards issued before this time. */
                created_lt?: string;
            };
            header?: {
                /**
                 * @description The `Koban-Consistency` token of one of your earlier writes. The request
                 *     waits (briefly) until what it reads includes that write. See
                 *     [Reading your own writes](#section/Reading-your-own-writes).
                 */
                "Koban-Consistency"?: components["parameters"]["KobanConsistency"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of cards. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CardList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createCard: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A unique key for this write, so that retries don't repeat it. See
                 *     [Idempotency](#section/Idempotency).
                 * @example 5f0c9a3e-3b0e-4d7a-9f51-8f7c1e2d4b60
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CardCreateRequest"];
            };
        };
        responses: {
            /** @description The card was issued. */
            201: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "Koban-Consistency": components["headers"]["KobanConsistency"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Card"];
                };
            };
            202: components["responses"]["WriteAccepted"];
            400: components["responses"]["WriteBadRequest"];
            401: components["responses"]["WriteUnauthorized"];
            403: components["responses"]["WriteForbidden"];
            404: components["responses"]["WriteNotFound"];
            409: components["responses"]["WriteConflict"];
            413: components["responses"]["WritePayloadTooLarge"];
            415: components["responses"]["WriteUnsupportedMediaType"];
            /**
             * @description The request is valid JSON but breaks a rule:
             *     `cardholder_not_found`, `cardholder_closed`, `program_not_found`
             *     or `idempotency_key_reused`.
             */
            422: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "Koban-Consistency": components["headers"]["KobanConsistency"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["WriteRateLimited"];
            500: components["responses"]["WriteInternalError"];
            503: components["responses"]["WriteServiceUnavailable"];
        };
    };
    getCard: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `Koban-Consistency` token of one of your earlier writes. The request
                 *     waits (briefly) until what it reads includes that write. See
                 *     [Reading your own writes](#section/Reading-your-own-writes).
                 */
                "Koban-Consistency"?: components["parameters"]["KobanConsistency"];
            };
            path: {
                /** @description The card's id. */
                id: components["parameters"]["CardIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The card. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Card"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateCard: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A unique key for this write, so that retries don't repeat it. See
                 *     [Idempotency](#section/Idempotency).
                 * @example 5f0c9a3e-3b0e-4d7a-9f51-8f7c1e2d4b60
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The card's id. */
                id: components["parameters"]["CardIdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CardUpdateRequest"];
            };
        };
        responses: {
            /** @description The card, as changed. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "Koban-Consistency": components["headers"]["KobanConsistency"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Card"];
                };
            };
            202: components["responses"]["WriteAccepted"];
            400: components["responses"]["WriteBadRequest"];
            401: components["responses"]["WriteUnauthorized"];
            403: components["responses"]["WriteForbidden"];
            404: components["responses"]["WriteNotFound"];
            409: components["responses"]["WriteConflict"];
            413: components["responses"]["WritePayloadTooLarge"];
            415: components["responses"]["WriteUnsupportedMediaType"];
            422: components["responses"]["WriteIdempotencyKeyReused"];
            429: components["responses"]["WriteRateLimited"];
            500: components["responses"]["WriteInternalError"];
            503: components["responses"]["WriteServiceUnavailable"];
        };
    };
    activateCard: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A unique key for this write, so that retries don't repeat it. See
                 *     [Idempotency](#section/Idempotency).
                 * @example 5f0c9a3e-3b0e-4d7a-9f51-8f7c1e2d4b60
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The card's id. */
                id: components["parameters"]["CardIdPath"];
            };
            cookie?: never;
        };
        /** @description No body, or an empty object. */
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description The card, as it is now. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "Koban-Consistency": components["headers"]["KobanConsistency"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Card"];
                };
            };
            202: components["responses"]["WriteAccepted"];
            400: components["responses"]["WriteBadRequest"];
            401: components["responses"]["WriteUnauthorized"];
            403: components["responses"]["WriteForbidden"];
            404: components["responses"]["WriteNotFound"];
            409: components["responses"]["WriteConflict"];
            413: components["responses"]["WritePayloadTooLarge"];
            415: components["responses"]["WriteUnsupportedMediaType"];
            422: components["responses"]["WriteIdempotencyKeyReused"];
            429: components["responses"]["WriteRateLimited"];
            500: components["responses"]["WriteInternalError"];
            503: components["responses"]["WriteServiceUnavailable"];
        };
    };
    freezeCard: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A unique key for this write, so that retries don't repeat it. See
                 *     [Idempotency](#section/Idempotency).
                 * @example 5f0c9a3e-3b0e-4d7a-9f51-8f7c1e2d4b60
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The card's id. */
                id: components["parameters"]["CardIdPath"];
            };
            cookie?: never;
        };
        /** @description No body, or an empty object. */
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description The card, as it is now. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "Koban-Consistency": components["headers"]["KobanConsistency"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Card"];
                };
            };
            202: components["responses"]["WriteAccepted"];
            400: components["responses"]["WriteBadRequest"];
            401: components["responses"]["WriteUnauthorized"];
            403: components["responses"]["WriteForbidden"];
            404: components["responses"]["WriteNotFound"];
            409: components["responses"]["WriteConflict"];
            413: components["responses"]["WritePayloadTooLarge"];
            415: components["responses"]["WriteUnsupportedMediaType"];
            422: components["responses"]["WriteIdempotencyKeyReused"];
            429: components["responses"]["WriteRateLimited"];
            500: components["responses"]["WriteInternalError"];
            503: components["responses"]["WriteServiceUnavailable"];
        };
    };
    unfreezeCard: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A unique key for this write, so that retries don't repeat it. See
                 *     [Idempotency](#section/Idempotency).
                 * @example 5f0c9a3e-3b0e-4d7a-9f51-8f7c1e2d4b60
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The card's id. */
                id: components["parameters"]["CardIdPath"];
            };
            cookie?: never;
        };
        /** @description No body, or an empty object. */
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description The card, as it is now. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "Koban-Consistency": components["headers"]["KobanConsistency"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Card"];
                };
            };
            202: components["responses"]["WriteAccepted"];
            400: components["responses"]["WriteBadRequest"];
            401: components["responses"]["WriteUnauthorized"];
            403: components["responses"]["WriteForbidden"];
            404: components["responses"]["WriteNotFound"];
            409: components["responses"]["WriteConflict"];
            413: components["responses"]["WritePayloadTooLarge"];
            415: components["responses"]["WriteUnsupportedMediaType"];
            422: components["responses"]["WriteIdempotencyKeyReused"];
            429: components["responses"]["WriteRateLimited"];
            500: components["responses"]["WriteInternalError"];
            503: components["responses"]["WriteServiceUnavailable"];
        };
    };
    closeCard: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A unique key for this write, so that retries don't repeat it. See
                 *     [Idempotency](#section/Idempotency).
                 * @example 5f0c9a3e-3b0e-4d7a-9f51-8f7c1e2d4b60
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The card's id. */
                id: components["parameters"]["CardIdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CardCloseRequest"];
            };
        };
        responses: {
            /** @description The card, as it is now. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "Koban-Consistency": components["headers"]["KobanConsistency"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Card"];
                };
            };
            202: components["responses"]["WriteAccepted"];
            400: components["responses"]["WriteBadRequest"];
            401: components["responses"]["WriteUnauthorized"];
            403: components["responses"]["WriteForbidden"];
            404: components["responses"]["WriteNotFound"];
            409: components["responses"]["WriteConflict"];
            413: components["responses"]["WritePayloadTooLarge"];
            415: components["responses"]["WriteUnsupportedMediaType"];
            422: components["responses"]["WriteIdempotencyKeyReused"];
            429: components["responses"]["WriteRateLimited"];
            500: components["responses"]["WriteInternalError"];
            503: components["responses"]["WriteServiceUnavailable"];
        };
    };
    getCardDetails: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The card's id. */
                id: components["parameters"]["CardIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The card's number, security code and expiry. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    /** @description Always `no-store`. */
                    "Cache-Control": "no-store";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CardDetails"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listEvents: {
        parameters: {
            query?: {
                /** @description The most objects to return. */
                limit?: components["parameters"]["Limit"];
                /** @description A cursor, the `next_cursor` of the previous page. */
                starting_after?: components["schemas"]["EventId"];
                /** @description Only events of this type (`card.frozen`), or of every type of one resource (`card.*`). */
                type?: components["schemas"]["EventType"] | ("authorization.*" | "card.*" | "cardholder.*" | "program.*" | "settlement.*" | "transaction.*");
                /** @description Only events that happened at or after this time. */
                created_gte?: string;
                /** @description Only events that happened before this time. */
                created_lt?: string;
            };
            header?: {
                /**
                 * @description The `Koban-Consistency` token of one of your earlier writes. The request
                 *     waits (briefly) until what it reads includes that write. See
                 *     [Reading your own writes](#section/Reading-your-own-writes).
                 */
                "Koban-Consistency"?: components["parameters"]["KobanConsistency"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of events. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getEvent: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `Koban-Consistency` token of one of your earlier writes. The request
                 *     waits (briefly) until what it reads includes that write. See
                 *     [Reading your own writes](#section/Reading-your-own-writes).
                 */
                "Koban-Consistency"?: components["parameters"]["KobanConsistency"];
            };
            path: {
                /** @description The event's id. */
                id: components["parameters"]["EventIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Event"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listWebhookEndpoints: {
        parameters: {
            query?: {
                /** @description The most objects to return. */
                limit?: components["parameters"]["Limit"];
                /** @description A cursor, the `next_cursor` of the previous page. */
                starting_after?: components["schemas"]["WebhookEndpointId"];
            };
            header?: {
                /**
                 * @description The `Koban-Consistency` token of one of your earlier writes. The request
                 *     waits (briefly) until what it reads includes that write. See
                 *     [Reading your own writes](#section/Reading-your-own-writes).
                 */
                "Koban-Consistency"?: components["parameters"]["KobanConsistency"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of webhook endpoints. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A unique key for this write, so that retries don't repeat it. See
                 *     [Idempotency](#section/Idempotency).
                 * @example 5f0c9a3e-3b0e-4d7a-9f51-8f7c1e2d4b60
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookEndpointCreateRequest"];
            };
        };
        responses: {
            /** @description The endpoint, created. */
            201: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "Koban-Consistency": components["headers"]["KobanConsistency"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            202: components["responses"]["WriteAccepted"];
            400: components["responses"]["WriteBadRequest"];
            401: components["responses"]["WriteUnauthorized"];
            403: components["responses"]["WriteForbidden"];
            413: components["responses"]["WritePayloadTooLarge"];
            415: components["responses"]["WriteUnsupportedMediaType"];
            422: components["responses"]["WriteIdempotencyKeyReused"];
            429: components["responses"]["WriteRateLimited"];
            500: components["responses"]["WriteInternalError"];
            503: components["responses"]["WriteServiceUnavailable"];
        };
    };
    getWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `Koban-Consistency` token of one of your earlier writes. The request
                 *     waits (briefly) until what it reads includes that write. See
                 *     [Reading your own writes](#section/Reading-your-own-writes).
                 */
                "Koban-Consistency"?: components["parameters"]["KobanConsistency"];
            };
            path: {
                /** @description The webhook endpoint's id. */
                id: components["parameters"]["WebhookEndpointIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The webhook endpoint. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook endpoint's id. */
                id: components["parameters"]["WebhookEndpointIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoint is deleted. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "Koban-Consistency": components["headers"]["KobanConsistency"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeletedWebhookEndpoint"];
                };
            };
            202: components["responses"]["WriteAccepted"];
            400: components["responses"]["WriteBadRequest"];
            401: components["responses"]["WriteUnauthorized"];
            403: components["responses"]["WriteForbidden"];
            404: components["responses"]["WriteNotFound"];
            429: components["responses"]["WriteRateLimited"];
            500: components["responses"]["WriteInternalError"];
            503: components["responses"]["WriteServiceUnavailable"];
        };
    };
    updateWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A unique key for this write, so that retries don't repeat it. See
                 *     [Idempotency](#section/Idempotency).
                 * @example 5f0c9a3e-3b0e-4d7a-9f51-8f7c1e2d4b60
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The webhook endpoint's id. */
                id: components["parameters"]["WebhookEndpointIdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookEndpointUpdateRequest"];
            };
        };
        responses: {
            /** @description The endpoint, as changed. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "Koban-Consistency": components["headers"]["KobanConsistency"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            202: components["responses"]["WriteAccepted"];
            400: components["responses"]["WriteBadRequest"];
            401: components["responses"]["WriteUnauthorized"];
            403: components["responses"]["WriteForbidden"];
            404: components["responses"]["WriteNotFound"];
            413: components["responses"]["WritePayloadTooLarge"];
            415: components["responses"]["WriteUnsupportedMediaType"];
            422: components["responses"]["WriteIdempotencyKeyReused"];
            429: components["responses"]["WriteRateLimited"];
            500: components["responses"]["WriteInternalError"];
            503: components["responses"]["WriteServiceUnavailable"];
        };
    };
    getWebhookEndpointSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook endpoint's id. */
                id: components["parameters"]["WebhookEndpointIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The signing secret. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointSecret"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    rotateWebhookEndpointSecret: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A unique key for this write, so that retries don't repeat it. See
                 *     [Idempotency](#section/Idempotency).
                 * @example 5f0c9a3e-3b0e-4d7a-9f51-8f7c1e2d4b60
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The webhook endpoint's id. */
                id: components["parameters"]["WebhookEndpointIdPath"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["WebhookSecretRotateRequest"];
            };
        };
        responses: {
            /** @description The endpoint, with its new rotation time. Read the new secret with `GET …/secret`. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "Koban-Consistency": components["headers"]["KobanConsistency"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            202: components["responses"]["WriteAccepted"];
            400: components["responses"]["WriteBadRequest"];
            401: components["responses"]["WriteUnauthorized"];
            403: components["responses"]["WriteForbidden"];
            404: components["responses"]["WriteNotFound"];
            413: components["responses"]["WritePayloadTooLarge"];
            415: components["responses"]["WriteUnsupportedMediaType"];
            422: components["responses"]["WriteIdempotencyKeyReused"];
            429: components["responses"]["WriteRateLimited"];
            500: components["responses"]["WriteInternalError"];
            503: components["responses"]["WriteServiceUnavailable"];
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                /** @description The most objects to return. */
                limit?: components["parameters"]["Limit"];
                /** @description A cursor, the `next_cursor` of the previous page. */
                starting_after?: components["schemas"]["WebhookDeliveryId"];
                /** @description Only deliveries in this status. */
                status?: components["schemas"]["WebhookDeliveryStatus"];
                /** @description Only the delivery of this event. */
                event_id?: components["schemas"]["EventId"];
            };
            header?: {
                /**
                 * @description The `Koban-Consistency` token of one of your earlier writes. The request
                 *     waits (briefly) until what it reads includes that write. See
                 *     [Reading your own writes](#section/Reading-your-own-writes).
                 */
                "Koban-Consistency"?: components["parameters"]["KobanConsistency"];
            };
            path: {
                /** @description The webhook endpoint's id. */
                id: components["parameters"]["WebhookEndpointIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of deliveries. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getWebhookDelivery: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `Koban-Consistency` token of one of your earlier writes. The request
                 *     waits (briefly) until what it reads includes that write. See
                 *     [Reading your own writes](#section/Reading-your-own-writes).
                 */
                "Koban-Consistency"?: components["parameters"]["KobanConsistency"];
            };
            path: {
                /** @description The webhook endpoint's id. */
                id: components["parameters"]["WebhookEndpointIdPath"];
                /** @description The delivery's id. */
                delivery_id: components["parameters"]["WebhookDeliveryIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The delivery. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    retryWebhookDelivery: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A unique key for this write, so that retries don't repeat it. See
                 *     [Idempotency](#section/Idempotency).
                 * @example 5f0c9a3e-3b0e-4d7a-9f51-8f7c1e2d4b60
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The webhook endpoint's id. */
                id: components["parameters"]["WebhookEndpointIdPath"];
                /** @description The delivery's id. */
                delivery_id: components["parameters"]["WebhookDeliveryIdPath"];
            };
            cookie?: never;
        };
        /** @description No body, or an empty object. */
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description The delivery, waiting for its new attempt. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "Koban-Consistency": components["headers"]["KobanConsistency"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            202: components["responses"]["WriteAccepted"];
            400: components["responses"]["WriteBadRequest"];
            401: components["responses"]["WriteUnauthorized"];
            403: components["responses"]["WriteForbidden"];
            404: components["responses"]["WriteNotFound"];
            409: components["responses"]["WriteConflict"];
            413: components["responses"]["WritePayloadTooLarge"];
            415: components["responses"]["WriteUnsupportedMediaType"];
            422: components["responses"]["WriteIdempotencyKeyReused"];
            429: components["responses"]["WriteRateLimited"];
            500: components["responses"]["WriteInternalError"];
            503: components["responses"]["WriteServiceUnavailable"];
        };
    };
    listFundingSources: {
        parameters: {
            query?: {
                /** @description The most objects to return. */
                limit?: components["parameters"]["Limit"];
                /** @description A cursor, the `next_cursor` of the previous page. */
                starting_after?: components["schemas"]["FundingSourceId"];
                /** @description Only sources of this type. */
                type?: components["schemas"]["FundingSourceType"];
            };
            header?: {
                /**
                 * @description The `Koban-Consistency` token of one of your earlier writes. The request
                 *     waits (briefly) until what it reads includes that write. See
                 *     [Reading your own writes](#section/Reading-your-own-writes).
                 */
                "Koban-Consistency"?: components["parameters"]["KobanConsistency"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of funding sources. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FundingSourceList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createFundingSource: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A unique key for this write, so that retries don't repeat it. See
                 *     [Idempotency](#section/Idempotency).
                 * @example 5f0c9a3e-3b0e-4d7a-9f51-8f7c1e2d4b60
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FundingSourceCreateRequest"];
            };
        };
        responses: {
            /** @description The funding source, created. */
            201: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "Koban-Consistency": components["headers"]["KobanConsistency"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FundingSource"];
                };
            };
            202: components["responses"]["WriteAccepted"];
            400: components["responses"]["WriteBadRequest"];
            401: components["responses"]["WriteUnauthorized"];
            403: components["responses"]["WriteForbidden"];
            413: components["responses"]["WritePayloadTooLarge"];
            415: components["responses"]["WriteUnsupportedMediaType"];
            422: components["responses"]["WriteIdempotencyKeyReused"];
            429: components["responses"]["WriteRateLimited"];
            500: components["responses"]["WriteInternalError"];
            503: components["responses"]["WriteServiceUnavailable"];
        };
    };
    getFundingSource: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `Koban-Consistency` token of one of your earlier writes. The request
                 *     waits (briefly) until what it reads includes that write. See
                 *     [Reading your own writes](#section/Reading-your-own-writes).
                 */
                "Koban-Consistency"?: components["parameters"]["KobanConsistency"];
            };
            path: {
                /** @description The funding source's id. */
                id: components["parameters"]["FundingSourceIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The funding source. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FundingSource"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateFundingSource: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A unique key for this write, so that retries don't repeat it. See
                 *     [Idempotency](#section/Idempotency).
                 * @example 5f0c9a3e-3b0e-4d7a-9f51-8f7c1e2d4b60
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The funding source's id. */
                id: components["parameters"]["FundingSourceIdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FundingSourceUpdateRequest"];
            };
        };
        responses: {
            /** @description The funding source, as changed. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "Koban-Consistency": components["headers"]["KobanConsistency"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FundingSource"];
                };
            };
            202: components["responses"]["WriteAccepted"];
            400: components["responses"]["WriteBadRequest"];
            401: components["responses"]["WriteUnauthorized"];
            403: components["responses"]["WriteForbidden"];
            404: components["responses"]["WriteNotFound"];
            413: components["responses"]["WritePayloadTooLarge"];
            415: components["responses"]["WriteUnsupportedMediaType"];
            422: components["responses"]["WriteIdempotencyKeyReused"];
            429: components["responses"]["WriteRateLimited"];
            500: components["responses"]["WriteInternalError"];
            503: components["responses"]["WriteServiceUnavailable"];
        };
    };
    getFundingSourceSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The funding source's id. */
                id: components["parameters"]["FundingSourceIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The signing secret. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FundingSourceSecret"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listAccounts: {
        parameters: {
            query?: {
                /** @description The most objects to return. */
                limit?: components["parameters"]["Limit"];
                /** @description A cursor, the `next_cursor` of the previous page. */
                starting_after?: components["schemas"]["AccountId"];
                /** @description Only this cardholder's balances. */
                cardholder_id?: components["schemas"]["CardholderId"];
                /** @description Only this program's funding account. */
                program_id?: components["schemas"]["ProgramId"];
            };
            header?: {
                /**
                 * @description The `Koban-Consistency` token of one of your earlier writes. The request
                 *     waits (briefly) until what it reads includes that write. See
                 *     [Reading your own writes](#section/Reading-your-own-writes).
                 */
                "Koban-Consistency"?: components["parameters"]["KobanConsistency"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of accounts. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getAccount: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `Koban-Consistency` token of one of your earlier writes. The request
                 *     waits (briefly) until what it reads includes that write. See
                 *     [Reading your own writes](#section/Reading-your-own-writes).
                 */
                "Koban-Consistency"?: components["parameters"]["KobanConsistency"];
            };
            path: {
                /** @description The account's id. */
                id: components["schemas"]["AccountId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The account. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Account"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listTransfers: {
        parameters: {
            query?: {
                /** @description The most objects to return. */
                limit?: components["parameters"]["Limit"];
                /** @description A cursor, the `next_cursor` of the previous page. */
                starting_after?: components["schemas"]["TransferId"];
                /** @description Only this cardholder's transfers. */
                cardholder_id?: components["schemas"]["CardholderId"];
            };
            header?: {
                /**
                 * @description The `Koban-Consistency` token of one of your earlier writes. The request
                 *     waits (briefly) until what it reads includes that write. See
                 *     [Reading your own writes](#section/Reading-your-own-writes).
                 */
                "Koban-Consistency"?: components["parameters"]["KobanConsistency"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of transfers. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TransferList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createTransfer: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A unique key for this write, so that retries don't repeat it. See
                 *     [Idempotency](#section/Idempotency).
                 * @example 5f0c9a3e-3b0e-4d7a-9f51-8f7c1e2d4b60
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TransferCreateRequest"];
            };
        };
        responses: {
            /** @description The transfer, done. */
            201: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "Koban-Consistency": components["headers"]["KobanConsistency"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Transfer"];
                };
            };
            202: components["responses"]["WriteAccepted"];
            400: components["responses"]["WriteBadRequest"];
            401: components["responses"]["WriteUnauthorized"];
            403: components["responses"]["WriteForbidden"];
            413: components["responses"]["WritePayloadTooLarge"];
            415: components["responses"]["WriteUnsupportedMediaType"];
            /**
             * @description The request is valid JSON but breaks a rule: `insufficient_funds` (the
             *     account the money comes from has less available than `amount`),
             *     `cardholder_not_found`, `program_not_found`, or `idempotency_key_reused`.
             */
            422: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "Koban-Consistency": components["headers"]["KobanConsistency"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["WriteRateLimited"];
            500: components["responses"]["WriteInternalError"];
            503: components["responses"]["WriteServiceUnavailable"];
        };
    };
    getTransfer: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `Koban-Consistency` token of one of your earlier writes. The request
                 *     waits (briefly) until what it reads includes that write. See
                 *     [Reading your own writes](#section/Reading-your-own-writes).
                 */
                "Koban-Consistency"?: components["parameters"]["KobanConsistency"];
            };
            path: {
                /** @description The transfer's id. */
                id: components["schemas"]["TransferId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The transfer. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Transfer"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getDeposit: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `Koban-Consistency` token of one of your earlier writes. The request
                 *     waits (briefly) until what it reads includes that write. See
                 *     [Reading your own writes](#section/Reading-your-own-writes).
                 */
                "Koban-Consistency"?: components["parameters"]["KobanConsistency"];
            };
            path: {
                /** @description The deposit's id. */
                id: components["schemas"]["DepositId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The deposit. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Deposit"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listAuthorizations: {
        parameters: {
            query?: {
                /** @description The most objects to return. */
                limit?: components["parameters"]["Limit"];
                /** @description A cursor, the `next_cursor` of the previous page. */
                starting_after?: components["schemas"]["AuthorizationId"];
                /** @description Only this card's. */
                card_id?: components["schemas"]["CardId"];
                /** @description Only this cardholder's. */
                cardholder_id?: components["schemas"]["CardholderId"];
                /** @description Only authorizations in this status. */
                status?: components["schemas"]["AuthorizationStatus"];
                /** @description Only those requested at or after this time. */
                created_gte?: string;
                /** @description Only those requested before this time. */
                created_lt?: string;
            };
            header?: {
                /**
                 * @description The `Koban-Consistency` token of one of your earlier writes. The request
                 *     waits (briefly) until what it reads includes that write. See
                 *     [Reading your own writes](#section/Reading-your-own-writes).
                 */
                "Koban-Consistency"?: components["parameters"]["KobanConsistency"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of authorizations. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthorizationList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getAuthorization: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `Koban-Consistency` token of one of your earlier writes. The request
                 *     waits (briefly) until what it reads includes that write. See
                 *     [Reading your own writes](#section/Reading-your-own-writes).
                 */
                "Koban-Consistency"?: components["parameters"]["KobanConsistency"];
            };
            path: {
                /** @description The authorization's id. */
                id: components["schemas"]["AuthorizationId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The authorization. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Authorization"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    simulateAuthorization: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A unique key for this write, so that retries don't repeat it. See
                 *     [Idempotency](#section/Idempotency).
                 * @example 5f0c9a3e-3b0e-4d7a-9f51-8f7c1e2d4b60
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AuthorizationSimulationRequest"];
            };
        };
        responses: {
            /** @description The authorization, decided. */
            201: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "Koban-Consistency": components["headers"]["KobanConsistency"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Authorization"];
                };
            };
            202: components["responses"]["WriteAccepted"];
            400: components["responses"]["WriteBadRequest"];
            401: components["responses"]["WriteUnauthorized"];
            403: components["responses"]["WriteForbidden"];
            404: components["responses"]["WriteNotFound"];
            413: components["responses"]["WritePayloadTooLarge"];
            415: components["responses"]["WriteUnsupportedMediaType"];
            422: components["responses"]["WriteIdempotencyKeyReused"];
            429: components["responses"]["WriteRateLimited"];
            500: components["responses"]["WriteInternalError"];
            503: components["responses"]["WriteServiceUnavailable"];
        };
    };
    simulateAuthorizationReversal: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A unique key for this write, so that retries don't repeat it. See
                 *     [Idempotency](#section/Idempotency).
                 * @example 5f0c9a3e-3b0e-4d7a-9f51-8f7c1e2d4b60
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The authorization's id. */
                id: components["schemas"]["AuthorizationId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description How much to release; all of what remains when left out. */
                    amount?: components["schemas"]["Amount"];
                };
            };
        };
        responses: {
            /** @description The authorization after the reversal. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "Koban-Consistency": components["headers"]["KobanConsistency"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Authorization"];
                };
            };
            400: components["responses"]["WriteBadRequest"];
            401: components["responses"]["WriteUnauthorized"];
            403: components["responses"]["WriteForbidden"];
            404: components["responses"]["WriteNotFound"];
            409: components["responses"]["WriteConflict"];
            413: components["responses"]["WritePayloadTooLarge"];
            415: components["responses"]["WriteUnsupportedMediaType"];
            422: components["responses"]["WriteIdempotencyKeyReused"];
            429: components["responses"]["WriteRateLimited"];
            500: components["responses"]["WriteInternalError"];
            503: components["responses"]["WriteServiceUnavailable"];
        };
    };
    simulateAuthorizationIncrement: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A unique key for this write, so that retries don't repeat it. See
                 *     [Idempotency](#section/Idempotency).
                 * @example 5f0c9a3e-3b0e-4d7a-9f51-8f7c1e2d4b60
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The approved authorization to add to. */
                id: components["schemas"]["AuthorizationId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    amount: components["schemas"]["Amount"];
                };
            };
        };
        responses: {
            /** @description The increment, decided. */
            201: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "Koban-Consistency": components["headers"]["KobanConsistency"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Authorization"];
                };
            };
            400: components["responses"]["WriteBadRequest"];
            401: components["responses"]["WriteUnauthorized"];
            403: components["responses"]["WriteForbidden"];
            404: components["responses"]["WriteNotFound"];
            409: components["responses"]["WriteConflict"];
            413: components["responses"]["WritePayloadTooLarge"];
            415: components["responses"]["WriteUnsupportedMediaType"];
            422: components["responses"]["WriteIdempotencyKeyReused"];
            429: components["responses"]["WriteRateLimited"];
            500: components["responses"]["WriteInternalError"];
            503: components["responses"]["WriteServiceUnavailable"];
        };
    };
    simulateDeposit: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A unique key for this write, so that retries don't repeat it. See
                 *     [Idempotency](#section/Idempotency).
                 * @example 5f0c9a3e-3b0e-4d7a-9f51-8f7c1e2d4b60
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DepositSimulationRequest"];
            };
        };
        responses: {
            /** @description The deposit, recorded. */
            201: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "Koban-Consistency": components["headers"]["KobanConsistency"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Deposit"];
                };
            };
            202: components["responses"]["WriteAccepted"];
            400: components["responses"]["WriteBadRequest"];
            401: components["responses"]["WriteUnauthorized"];
            403: components["responses"]["WriteForbidden"];
            413: components["responses"]["WritePayloadTooLarge"];
            415: components["responses"]["WriteUnsupportedMediaType"];
            /**
             * @description The request is valid JSON but breaks a rule: `program_not_found`
             *     (`program_id` names no program of yours in this mode), or
             *     `idempotency_key_reused`.
             */
            422: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "Koban-Consistency": components["headers"]["KobanConsistency"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["WriteRateLimited"];
            500: components["responses"]["WriteInternalError"];
            503: components["responses"]["WriteServiceUnavailable"];
        };
    };
    simulateCardholderKyc: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A unique key for this write, so that retries don't repeat it. See
                 *     [Idempotency](#section/Idempotency).
                 * @example 5f0c9a3e-3b0e-4d7a-9f51-8f7c1e2d4b60
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The cardholder's id. */
                id: components["parameters"]["CardholderIdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["KycSimulationRequest"];
            };
        };
        responses: {
            /** @description The cardholder, with its new `kyc_status`. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "Koban-Consistency": components["headers"]["KobanConsistency"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Cardholder"];
                };
            };
            202: components["responses"]["WriteAccepted"];
            400: components["responses"]["WriteBadRequest"];
            401: components["responses"]["WriteUnauthorized"];
            /**
             * @description The key is a live key (`permission_denied`): simulations work in
             *     test mode only. Or the key lacks the `cardholders:write` scope.
             */
            403: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "Koban-Consistency": components["headers"]["KobanConsistency"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: components["responses"]["WriteNotFound"];
            409: components["responses"]["WriteConflict"];
            413: components["responses"]["WritePayloadTooLarge"];
            415: components["responses"]["WriteUnsupportedMediaType"];
            422: components["responses"]["WriteIdempotencyKeyReused"];
            429: components["responses"]["WriteRateLimited"];
            500: components["responses"]["WriteInternalError"];
            503: components["responses"]["WriteServiceUnavailable"];
        };
    };
    listTransactions: {
        parameters: {
            query?: {
                /** @description The most objects to return. */
                limit?: components["parameters"]["Limit"];
                /** @description A cursor, the `next_cursor` of the previous page. */
                starting_after?: components["schemas"]["TransactionId"];
                /** @description Only this card's. */
                card_id?: components["schemas"]["CardId"];
                /** @description Only this cardholder's. */
                cardholder_id?: components["schemas"]["CardholderId"];
                /** @description Only those that cleared this authorization. */
                authorization_id?: components["schemas"]["AuthorizationId"];
                /** @description Only transactions of this type. */
                type?: components["schemas"]["TransactionType"];
                /** @description Only those cleared at or after this time. */
                created_gte?: string;
                /** @description Only those cleared before this time. */
                created_lt?: string;
            };
            header?: {
                /**
                 * @description The `Koban-Consistency` token of one of your earlier writes. The request
                 *     waits (briefly) until what it reads includes that write. See
                 *     [Reading your own writes](#section/Reading-your-own-writes).
                 */
                "Koban-Consistency"?: components["parameters"]["KobanConsistency"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of transactions. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TransactionList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getTransaction: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `Koban-Consistency` token of one of your earlier writes. The request
                 *     waits (briefly) until what it reads includes that write. See
                 *     [Reading your own writes](#section/Reading-your-own-writes).
                 */
                "Koban-Consistency"?: components["parameters"]["KobanConsistency"];
            };
            path: {
                /** @description The transaction's id. */
                id: components["schemas"]["TransactionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The transaction. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Transaction"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listSettlements: {
        parameters: {
            query?: {
                /** @description The most objects to return. */
                limit?: components["parameters"]["Limit"];
                /** @description A cursor, the `next_cursor` of the previous page. */
                starting_after?: components["schemas"]["SettlementId"];
                /** @description Only the settlement of this day. */
                date?: string;
                /** @description Only settlements in this currency. */
                currency?: string;
            };
            header?: {
                /**
                 * @description The `Koban-Consistency` token of one of your earlier writes. The request
                 *     waits (briefly) until what it reads includes that write. See
                 *     [Reading your own writes](#section/Reading-your-own-writes).
                 */
                "Koban-Consistency"?: components["parameters"]["KobanConsistency"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of settlements. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SettlementList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getSettlement: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `Koban-Consistency` token of one of your earlier writes. The request
                 *     waits (briefly) until what it reads includes that write. See
                 *     [Reading your own writes](#section/Reading-your-own-writes).
                 */
                "Koban-Consistency"?: components["parameters"]["KobanConsistency"];
            };
            path: {
                /** @description The settlement's id. */
                id: components["schemas"]["SettlementId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The settlement. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Settlement"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    exportSettlementCsv: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The settlement's id. */
                id: components["schemas"]["SettlementId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The settlement's transactions. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    simulateClearing: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A unique key for this write, so that retries don't repeat it. See
                 *     [Idempotency](#section/Idempotency).
                 * @example 5f0c9a3e-3b0e-4d7a-9f51-8f7c1e2d4b60
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ClearingSimulationRequest"];
            };
        };
        responses: {
            /** @description The transaction, posted. */
            201: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "Koban-Consistency": components["headers"]["KobanConsistency"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Transaction"];
                };
            };
            202: components["responses"]["WriteAccepted"];
            400: components["responses"]["WriteBadRequest"];
            401: components["responses"]["WriteUnauthorized"];
            403: components["responses"]["WriteForbidden"];
            404: components["responses"]["WriteNotFound"];
            413: components["responses"]["WritePayloadTooLarge"];
            415: components["responses"]["WriteUnsupportedMediaType"];
            422: components["responses"]["WriteIdempotencyKeyReused"];
            429: components["responses"]["WriteRateLimited"];
            500: components["responses"]["WriteInternalError"];
            503: components["responses"]["WriteServiceUnavailable"];
        };
    };
    simulateRefund: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A unique key for this write, so that retries don't repeat it. See
                 *     [Idempotency](#section/Idempotency).
                 * @example 5f0c9a3e-3b0e-4d7a-9f51-8f7c1e2d4b60
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefundSimulationRequest"];
            };
        };
        responses: {
            /** @description The refund, posted. */
            201: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "Koban-Consistency": components["headers"]["KobanConsistency"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Transaction"];
                };
            };
            202: components["responses"]["WriteAccepted"];
            400: components["responses"]["WriteBadRequest"];
            401: components["responses"]["WriteUnauthorized"];
            403: components["responses"]["WriteForbidden"];
            404: components["responses"]["WriteNotFound"];
            413: components["responses"]["WritePayloadTooLarge"];
            415: components["responses"]["WriteUnsupportedMediaType"];
            422: components["responses"]["WriteIdempotencyKeyReused"];
            429: components["responses"]["WriteRateLimited"];
            500: components["responses"]["WriteInternalError"];
            503: components["responses"]["WriteServiceUnavailable"];
        };
    };
    getOperation: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `Koban-Consistency` token of one of your earlier writes. The request
                 *     waits (briefly) until what it reads includes that write. See
                 *     [Reading your own writes](#section/Reading-your-own-writes).
                 */
                "Koban-Consistency"?: components["parameters"]["KobanConsistency"];
            };
            path: {
                /** @description The operation's id, as returned by the `202` response. */
                id: components["schemas"]["OperationId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The operation. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    /**
                     * @description Present once the operation has `succeeded` or `failed`: the
                     *     consistency token of the completed write. Send it with your next
                     *     `GET` to read the object the write created or changed.
                     */
                    "Koban-Consistency"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Operation"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    receiveEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The event's id, the same on every attempt. */
                "webhook-id": components["schemas"]["EventId"];
                /** @description When this attempt was signed, in seconds since the Unix epoch. */
                "webhook-timestamp": string;
                /** @description One `v1,<base64 signature>` per valid secret, separated by spaces (two during a secret rotation). */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Event"];
            };
        };
        responses: {
            /** @description Any `2xx` acknowledges the delivery. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    fundingRequest: {
        parameters: {
            query?: never;
            header: {
                /** @description The authorization's id, the same if the request is repeated. */
                "webhook-id": components["schemas"]["AuthorizationId"];
                /** @description When the request was signed, in seconds since the Unix epoch. */
                "webhook-timestamp": string;
                /** @description `v1,<base64 signature>`. */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FundingRequest"];
            };
        };
        responses: {
            /** @description Your decision. Any `2xx` status with this body decides. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FundingResponse"];
                };
            };
        };
    };
}
