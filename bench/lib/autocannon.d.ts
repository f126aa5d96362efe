// The part of autocannon's API the benchmarks use (the package ships no types).
declare module 'autocannon' {
  namespace autocannon {
    interface RawRequest { method?: string; path?: string; headers?: Record<string, string>; body?: string }
    interface Request extends RawRequest {
      setupRequest?: (request: RawRequest, context: Record<string, unknown>) => RawRequest | undefined;
      onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
    }
    interface Histogram { average: number; total: number; p50: number; p99: number; max: number }
    interface Result { requests: Histogram; latency: Histogram; errors: number; timeouts: number; non2xx: number; duration: number }
    interface Options { url: string; connections?: number; duration?: number; amount?: number; timeout?: number; requests?: Request[]; overallRate?: number; connectionRate?: number }
  }
  function autocannon(options: autocannon.Options): Promise<autocannon.Result>;
  export default autocannon;
}
