/** What came back with a successful answer, beside its parsed body. */
export interface WithResponse<T> {
  data: T;
  /** The raw HTTP response (its body already read). */
  response: Response;
  /** The request's id (`req_…`), from the `Request-Id` header. */
  requestId: string | null;
  /** The `Koban-Consistency` token of a write: pass it as `consistency` to a later read to read your own write. */
  consistency: string | null;
}

/**
 * The answer of an SDK call: await it for the object, or call `withResponse()` for the raw
 * response and request id as well.
 */
export class ApiPromise<T> implements PromiseLike<T> {
  readonly #answer: Promise<WithResponse<T>>;

  constructor(answer: Promise<WithResponse<T>>) {
    this.#answer = answer;
  }

  withResponse(): Promise<WithResponse<T>> {
    return this.#answer;
  }

  // biome-ignore lint/suspicious/noThenProperty: an ApiPromise is awaited like any promise.
  then<A = T, B = never>(
    onfulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#answer.then((answer) => answer.data).then(onfulfilled, onrejected);
  }

  catch<B = never>(onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.then(undefined, onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<T> {
    return this.then().finally(onfinally);
  }
}

/** The body of every list answer. */
export interface ListBody<T> {
  object: "list";
  data: T[];
  has_more: boolean;
  next_cursor: string | null;
}

/** One page of a list, as Koban sent it, with the means to fetch the next. */
export class Page<T> implements ListBody<T> {
  readonly object = "list" as const;
  readonly data: T[];
  readonly has_more: boolean;
  readonly next_cursor: string | null;
  readonly #next: (cursor: string) => PagePromise<T>;

  constructor(body: ListBody<T>, next: (cursor: string) => PagePromise<T>) {
    this.data = body.data;
    this.has_more = body.has_more;
    this.next_cursor = body.next_cursor;
    this.#next = next;
  }

  hasNextPage(): boolean {
    return this.has_more && this.next_cursor !== null;
  }

  /** The next page; throws if there is none (check `hasNextPage()` first). */
  getNextPage(): PagePromise<T> {
    if (!this.hasNextPage() || this.next_cursor === null) throw new Error("This is the last page.");
    return this.#next(this.next_cursor);
  }

  /** This page and every page after it, one request per page. */
  async *iterPages(): AsyncGenerator<Page<T>> {
    let page: Page<T> = this;
    yield page;
    while (page.hasNextPage()) {
      page = await page.getNextPage();
      yield page;
    }
  }

  /** Every object of this page and of the pages after it. */
  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for await (const page of this.iterPages()) yield* page.data;
  }
}

/**
 * The answer of a `list` call: await it for the first page, or iterate it with `for await` for
 * every object of every page (the next page is fetched when the last one runs out).
 */
export class PagePromise<T> extends ApiPromise<Page<T>> implements AsyncIterable<T> {
  /** Every page, starting with this one. */
  async *iterPages(): AsyncGenerator<Page<T>> {
    yield* (await this).iterPages();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    yield* await this;
  }
}
