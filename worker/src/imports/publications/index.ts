/** Every publication type the importer knows (add a `*.spec.ts` and list it here). */
import { abnormalOperationsSpec } from "./abnormal-operations.spec.ts";
import { courtDishonestSpec } from "./court-dishonest.spec.ts";
import { licensingSpec } from "./licensing.spec.ts";
import { blacklistSpec, listsSpec, redlistSpec, watchlistSpec } from "./lists.spec.ts";
import { gradesSpec, permitsSpec, registrySpec, verificationsSpec } from "./registry.spec.ts";
import { seriousIllegalSpec } from "./serious-illegal.spec.ts";
import type { PublicationSpec } from "./spec.ts";

export const PUBLICATION_TYPES: readonly PublicationSpec[] = [
  registrySpec,
  permitsSpec,
  licensingSpec,
  listsSpec,
  blacklistSpec,
  watchlistSpec,
  redlistSpec,
  abnormalOperationsSpec,
  seriousIllegalSpec,
  courtDishonestSpec,
  gradesSpec,
  verificationsSpec,
];

export function publicationByName(name: string): PublicationSpec | null {
  const n = name === "licenses" ? "permits" : name;
  return PUBLICATION_TYPES.find((p) => p.type === n) ?? null;
}

export { detectPublication, type PublicationSpec, specialize } from "./spec.ts";
