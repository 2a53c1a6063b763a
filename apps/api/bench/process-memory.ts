// A process's resident memory as the kernel counts it, for the benchmarks that watch the API's.
import { readFileSync } from 'node:fs';

/** VmRSS of the process in MB; 0 once it has ended. */
export function rssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}
