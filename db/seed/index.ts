export * from "./anchors.ts";
export * from "./generate.ts";
export * from "./load.ts";
export * from "./sql.ts";
