import { adapterSuite } from "../adapter-suite.ts";
import { alibaba1688 } from "./1688.adapter.ts";
import { URLS } from "./1688.urls.ts";

adapterSuite(alibaba1688, URLS);
