/** The Hono env of the protected routes: the app's variables plus the authenticated key. */
import type { AppEnv } from "../deps.ts";
import type { Principal } from "./api-keys.ts";

export type OpsEnv = { Variables: AppEnv["Variables"] & { principal: Principal } };
