/** The part of autocannon's API the load process uses (the package ships no types). */
declare module "autocannon" {
  interface Req {
    path: string;
  }
  interface Options {
    url: string;
    connections: number;
    duration: number;
    requests: { setupRequest: (req: Req) => Req }[];
  }
  interface Result {
    requests: { average: number; total: number };
    latency: { p50: number; p99: number };
    throughput: { average: number };
    non2xx: number;
    errors: number;
    timeouts: number;
  }
  export default function autocannon(opts: Options): Promise<Result>;
}
