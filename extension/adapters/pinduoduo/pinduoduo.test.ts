import { adapterSuite } from "../adapter-suite.ts";
import { pinduoduo } from "./pinduoduo.adapter.ts";
import { URLS } from "./pinduoduo.urls.ts";

adapterSuite(pinduoduo, URLS);
