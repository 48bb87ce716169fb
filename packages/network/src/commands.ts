import { readFile } from "node:fs/promises";
import { Command, Option } from "commander";
import { sendAdvice, sendAuthorization, sendReversal } from "./client.ts";
import { generateTraffic, type TrafficCard } from "./traffic.ts";

const gatewayOption = () =>
  new Option("--gateway <url>", "the issuer's network gateway").default(
    process.env.GATEWAY_URL ?? "http://127.0.0.1:3002",
  );

const merchantOptions = (command: Command) =>
  command
    .option("--merchant <name>", "merchant name", "Cafe Mori")
    .option("--mcc <mcc>", "merchant category code", "5814")
    .option("--country <cc>", "merchant country (ISO 3166 alpha-2)", "JP");

const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

/** `koban network …` (and the `koban-network` bin): the card network simulator from a shell. */
export function networkCommand(): Command {
  const network = new Command("network").description("Act as the card network towards Koban's gateway");

  merchantOptions(
    network
      .command("authorize")
      .description("send an authorization request (0100) and print the answer")
      .addOption(gatewayOption())
      .requiredOption("--pan <pan>", "card number")
      .requiredOption("--expiry <yymm>", "expiry, YYMM")
      .option("--cvv2 <cvv2>", "security code (left out: card present)")
      .requiredOption("--amount <minor>", "amount in minor units", Number)
      .option("--currency <code>", "ISO 4217", "JPY")
      .option("--timeout <ms>", "the network's timeout", Number, 5_000),
  ).action(async (o) => {
    print(
      await sendAuthorization({
        gatewayUrl: o.gateway,
        pan: o.pan,
        expiry: o.expiry,
        cvv2: o.cvv2 ?? null,
        amount: o.amount,
        currency: o.currency,
        merchant: { name: o.merchant, mcc: o.mcc, country: o.country },
        timeoutMs: o.timeout,
      }),
    );
  });

  merchantOptions(
    network
      .command("reverse")
      .description("reverse all or part of an authorization (0400), named by its STAN and RRN")
      .addOption(gatewayOption())
      .requiredOption("--pan <pan>", "card number")
      .requiredOption("--amount <minor>", "amount to reverse, in minor units", Number)
      .option("--currency <code>", "ISO 4217", "JPY")
      .requiredOption("--stan <stan>", "the original's STAN")
      .requiredOption("--rrn <rrn>", "the original's RRN"),
  ).action(async (o) => {
    print(
      await sendReversal({
        gatewayUrl: o.gateway,
        pan: o.pan,
        amount: o.amount,
        currency: o.currency,
        merchant: { name: o.merchant, mcc: o.mcc, country: o.country },
        original: { stan: o.stan, rrn: o.rrn },
      }),
    );
  });

  merchantOptions(
    network
      .command("advise")
      .description("advise what the network decided on the issuer's behalf (0120)")
      .addOption(gatewayOption())
      .requiredOption("--pan <pan>", "card number")
      .requiredOption("--expiry <yymm>", "expiry, YYMM")
      .requiredOption("--amount <minor>", "amount in minor units", Number)
      .option("--currency <code>", "ISO 4217", "JPY")
      .option("--response-code <code>", "what the merchant was told", "00")
      .option("--approval-code <code>", "the stand-in approval code"),
  ).action(async (o) => {
    print(
      await sendAdvice({
        gatewayUrl: o.gateway,
        pan: o.pan,
        expiry: o.expiry,
        amount: o.amount,
        currency: o.currency,
        merchant: { name: o.merchant, mcc: o.mcc, country: o.country },
        responseCode: o.responseCode,
        approvalCode: o.approvalCode ?? null,
      }),
    );
  });

  network
    .command("traffic")
    .description("send a mix of authorizations at a set rate and report codes and latency")
    .addOption(gatewayOption())
    .requiredOption("--cards <file>", 'JSON file: [{ "pan": "…", "expiry": "YYMM", "cvv2": "…" }, …]')
    .option("--rate <perSecond>", "authorizations per second", Number, 20)
    .option("--duration <seconds>", "how long", Number, 10)
    .option("--currency <code>", "ISO 4217", "JPY")
    .action(async (o) => {
      const cards = JSON.parse(await readFile(o.cards, "utf8")) as TrafficCard[];
      print(
        await generateTraffic({
          gatewayUrl: o.gateway,
          cards,
          ratePerSecond: o.rate,
          durationMs: o.duration * 1_000,
          currency: o.currency,
        }),
      );
    });

  return network;
}
