import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postGuarded, refuseUrl } from "../src/index.ts";

const dns = (addresses: Record<string, string[]>) => async (host: string) => {
  const found = addresses[host];
  if (!found) throw new Error("ENOTFOUND");
  return found;
};
const guarded = { allowPrivateAddresses: false };

describe("a partner's URL", () => {
  it("is refused when its host resolves to any internal address", async () => {
    const resolve = dns({
      "pay.example.com": ["93.184.216.34"],
      "split.example.com": ["93.184.216.34", "10.0.0.5"],
      "metadata.example.com": ["169.254.169.254"],
      "v6.example.com": ["fd00::1"],
    });
    expect(await refuseUrl("https://pay.example.com/fund", true, guarded, resolve)).toBeNull();
    expect(await refuseUrl("https://split.example.com/", true, guarded, resolve)).toMatch(/10\.0\.0\.5/);
    expect(await refuseUrl("https://metadata.example.com/", true, guarded, resolve)).toMatch(/not a public/);
    expect(await refuseUrl("https://v6.example.com/", true, guarded, resolve)).toMatch(/not a public/);
    expect(await refuseUrl("https://[::1]/", true, guarded, resolve)).toMatch(/not a public/);
    expect(await refuseUrl("https://nowhere.example.com/", true, guarded, resolve)).toMatch(/does not resolve/);
  });

  it("must be https in live mode, carry no credentials, and may be local when allowed", async () => {
    const resolve = async () => ["93.184.216.34"];
    expect(await refuseUrl("http://pay.example.com/", true, guarded, resolve)).toMatch(/https in live mode/);
    expect(await refuseUrl("http://pay.example.com/", false, guarded, resolve)).toBeNull();
    expect(await refuseUrl("https://a:b@pay.example.com/", false, guarded, resolve)).toMatch(/credentials/);
    expect(await refuseUrl("ftp://pay.example.com/", false, guarded, resolve)).toMatch(/http or https/);
    expect(await refuseUrl("http://127.0.0.1:9/", false, { allowPrivateAddresses: true })).toBeNull();
  });
});

describe("a guarded call's connection", () => {
  let server: Server;
  let port: number;
  let hits = 0;
  beforeAll(async () => {
    server = createServer((request, response) => {
      hits += 1;
      if (request.url === "/slow") setTimeout(() => response.end("late"), 500);
      else if (request.url === "/big") response.end("x".repeat(20_000));
      else response.end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("is refused when the host resolves to an internal address at connect time (DNS rebinding)", async () => {
    // The name passed the check when saved; now it resolves to loopback.
    const rebound = ((_host: string, _options: unknown, callback: (...args: unknown[]) => void) =>
      callback(null, [{ address: "127.0.0.1", family: 4 }])) as never;
    const url = `http://hooks.partner.example:${port}/k`;
    const refused = await postGuarded(url, {}, "{}", {
      allowPrivateAddresses: false,
      timeoutMs: 2_000,
      lookup: rebound,
    });
    expect(refused).toMatchObject({ status: null, error: expect.stringMatching(/private IP address/) });
    expect(hits).toBe(0);
    const allowed = await postGuarded(url, {}, "{}", {
      allowPrivateAddresses: true,
      timeoutMs: 2_000,
      lookup: rebound,
    });
    expect(allowed).toMatchObject({ status: 200, error: null });
    expect(hits).toBe(1);
  });

  it("has one deadline for the whole exchange, and reads no more of an answer than asked", async () => {
    const local = { allowPrivateAddresses: true };
    const slow = await postGuarded(`http://127.0.0.1:${port}/slow`, {}, "{}", { ...local, timeoutMs: 200 });
    expect(slow).toMatchObject({ status: null, error: "no answer within 200 ms" });
    const big = await postGuarded(`http://127.0.0.1:${port}/big`, {}, "{}", {
      ...local,
      timeoutMs: 2_000,
      maxAnswerBytes: 1_000,
    });
    expect([big.status, big.body]).toEqual([200, ""]);
    const small = await postGuarded(`http://127.0.0.1:${port}/`, {}, "{}", { ...local, timeoutMs: 2_000 });
    expect([small.status, small.body]).toEqual([200, '{"ok":true}']);
  });
});
