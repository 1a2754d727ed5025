/** One RecordService per app instance (its signature cache lives as long as the app). */
import type { AppDeps } from "../deps.ts";
import { RecordService } from "./record-service.ts";

const services = new WeakMap<AppDeps, RecordService>();

export function recordService(deps: AppDeps): RecordService {
  let s = services.get(deps);
  if (!s) {
    s = new RecordService(deps.db, deps.signer);
    services.set(deps, s);
  }
  return s;
}
