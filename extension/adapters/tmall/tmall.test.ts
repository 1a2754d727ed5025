import { adapterSuite } from "../adapter-suite.ts";
import { tmall } from "./tmall.adapter.ts";
import { URLS } from "./tmall.urls.ts";

adapterSuite(tmall, URLS);
