/**
 * The check registry: every check the engine runs, in report order. Adding a check is one file in
 * this folder and one line here (registry.test.ts fails when a *.check.ts is not listed).
 */
import type { CheckDef } from "../check-def.ts";
import badgeBound from "./badge-bound.check.ts";
import badgeForgery from "./badge-forgery.check.ts";
import badgeSignature from "./badge-signature.check.ts";
import captureComplete from "./capture-complete.check.ts";
import exemptionStatement from "./exemption-statement.check.ts";
import identityName from "./identity-name.check.ts";
import identityUscc from "./identity-uscc.check.ts";
import licenseLinkLive from "./license-link-live.check.ts";
import licenseOnRequest from "./license-on-request.check.ts";
import licensePresent from "./license-present.check.ts";
import licenseProminent from "./license-prominent.check.ts";
import licenseStatus from "./license-status.check.ts";
import listsActive from "./lists-active.check.ts";
import permitsShown from "./permits-shown.check.ts";
import platformCreditchina from "./platform-creditchina.check.ts";
import platformGsxt from "./platform-gsxt.check.ts";
import platformProvinceCredit from "./platform-province-credit.check.ts";
import registryRecord from "./registry-record.check.ts";

export const CHECKS: readonly CheckDef[] = [
  registryRecord,
  licensePresent,
  licenseProminent,
  licenseLinkLive,
  licenseOnRequest,
  identityUscc,
  identityName,
  licenseStatus,
  permitsShown,
  exemptionStatement,
  badgeForgery,
  badgeBound,
  badgeSignature,
  listsActive,
  captureComplete,
  platformCreditchina,
  platformProvinceCredit,
  platformGsxt,
];

export const CHECK_BY_ID: ReadonlyMap<string, CheckDef> = new Map(CHECKS.map((c) => [c.id, c]));
