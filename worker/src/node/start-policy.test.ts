import { describe, expect, it } from "vitest";
import { startPolicy } from "./start-policy.ts";

const DEFAULT = "file:/repo/data/xinbiao.db";

describe("startPolicy (issue 13 item 7)", () => {
  it("the default embedded path is the demo: seeded, a key on its first start", () => {
    expect(startPolicy({}, DEFAULT)).toEqual({
      url: DEFAULT,
      configured: false,
      seed: true,
      signingKey: "create-if-empty",
    });
  });

  it("XINBIAO_DB set: never seeded, never a key it did not ask for", () => {
    expect(startPolicy({ XINBIAO_DB: "file:/srv/x.db" }, DEFAULT)).toEqual({
      url: "file:/srv/x.db",
      configured: true,
      seed: false,
      signingKey: "require",
    });
    // Even when it names the default file: a path given is the operator's choice.
    expect(startPolicy({ XINBIAO_DB: DEFAULT }, DEFAULT).seed).toBe(false);
  });

  it("the explicit flags", () => {
    const demo = startPolicy({ XINBIAO_DB: "file:/tmp/d.db", XINBIAO_SEED_DEMO: "1" }, DEFAULT);
    expect(demo).toMatchObject({ seed: true, signingKey: "create-if-empty" });
    const key = startPolicy({ XINBIAO_DB: "file:/srv/x.db", XINBIAO_CREATE_SIGNING_KEY: "1" }, DEFAULT);
    expect(key).toMatchObject({ seed: false, signingKey: "create" });
    // Only "1" counts: a stray value does not seed a production database.
    expect(startPolicy({ XINBIAO_DB: "file:/srv/x.db", XINBIAO_SEED_DEMO: "true" }, DEFAULT).seed).toBe(
      false,
    );
  });
});
