import { describe, expect, it } from "vitest";
import { isBusy, retryWhileBusy } from "./busy-retry.ts";

const busy = () => Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY", rawCode: 5 });

/** A fake clock that the pauses advance, so the budget is exercised without real waiting. */
function fakeTime() {
  let t = 0;
  const pauses: number[] = [];
  return {
    now: () => t,
    pause: async (ms: number) => {
      pauses.push(ms);
      t += ms;
    },
    pauses,
  };
}

describe("retryWhileBusy", () => {
  it("retries a busy call until it succeeds, pausing between attempts", async () => {
    const time = fakeTime();
    let calls = 0;
    const v = await retryWhileBusy(
      async () => {
        calls++;
        if (calls < 4) throw busy();
        return "done";
      },
      { budgetMs: 5000, ...time },
    );
    expect(v).toBe("done");
    expect(calls).toBe(4);
    expect(time.pauses).toHaveLength(3);
    expect(time.pauses.every((p) => p > 0)).toBe(true);
  });

  it("passes any other error through at once", async () => {
    const time = fakeTime();
    let calls = 0;
    const err = Object.assign(new Error("UNIQUE constraint failed"), { code: "SQLITE_CONSTRAINT" });
    await expect(
      retryWhileBusy(
        async () => {
          calls++;
          throw err;
        },
        { budgetMs: 5000, ...time },
      ),
    ).rejects.toBe(err);
    expect(calls).toBe(1);
  });

  it("gives up with the busy error once the budget is spent, never pausing past it", async () => {
    const time = fakeTime();
    await expect(
      retryWhileBusy(
        async () => {
          throw busy();
        },
        { budgetMs: 1000, maxPauseMs: 50, ...time },
      ),
    ).rejects.toMatchObject({ code: "SQLITE_BUSY" });
    expect(time.now()).toBe(1000);
    expect(Math.max(...time.pauses)).toBeLessThanOrEqual(50);
  });
});

describe("isBusy", () => {
  it.each([
    [{ code: "SQLITE_BUSY" }, true],
    [{ code: "SQLITE_BUSY_SNAPSHOT" }, true],
    [{ code: "SQLITE_ERROR", extendedCode: "SQLITE_BUSY_SNAPSHOT" }, true],
    [{ rawCode: 517 }, true],
    [{ message: "database is locked" }, true],
    [{ code: "SQLITE_CORRUPT", rawCode: 11 }, false],
    [{ code: "SQLITE_LOCKED", rawCode: 6 }, false],
    [null, false],
  ])("%j → %s", (err, expected) => {
    expect(isBusy(err)).toBe(expected);
  });
});
