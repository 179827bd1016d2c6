/**
 * CPU time a browser and every process it started (renderer, GPU, utility) have used, from /proc.
 *
 * On a shared machine a frame's wall-clock time is our work plus the time the browser waited for a core
 * that someone else held. CPU time counts only the work, so the same figure taken on the conversation
 * and on the page floor separates our cost from the environment's. Linux only: elsewhere the readings
 * are NaN and the figures built on them print as '-'.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc reports CPU time in these ticks on every architecture Chromium ships for. */
const TICKS_PER_SECOND = 100;

interface Stat {
  ppid: number;
  /** utime + stime, in ticks. */
  ticks: number;
}

function readStat(pid: number): Stat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: fields are counted after it.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined; // the process ended between listing and reading
  }
}

/** CPU seconds one process has used so far (NaN when it cannot be read). */
export function processCpuSeconds(pid: number): number {
  return (readStat(pid)?.ticks ?? Number.NaN) / TICKS_PER_SECOND;
}

function pids(): number[] {
  try {
    return readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return [];
  }
}

/** The process whose command line holds `marker` (a switch passed to that browser alone). */
export function findProcess(marker: string): number | undefined {
  for (const pid of pids()) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(marker)) return pid;
    } catch {
      // gone, or not ours to read
    }
  }
  return undefined;
}

/** CPU milliseconds used so far by `root` and all its descendants that are still running. */
export function treeCpuMs(root: number | undefined): number {
  if (root === undefined) return Number.NaN;
  const stats = new Map<number, Stat>();
  for (const pid of pids()) {
    const stat = readStat(pid);
    if (stat) stats.set(pid, stat);
  }
  if (!stats.has(root)) return Number.NaN;
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of stats) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  let ticks = 0;
  const queue = [root];
  for (let pid = queue.pop(); pid !== undefined; pid = queue.pop()) {
    ticks += stats.get(pid)?.ticks ?? 0;
    queue.push(...(children.get(pid) ?? []));
  }
  return (1000 * ticks) / TICKS_PER_SECOND;
}

/**
 * The machine's CPU time so far, in ticks: all of it, and the part the hypervisor gave to other virtual
 * machines while ours had work ready ("steal" in /proc/stat). A run with much steal measured a machine
 * that was not there; the figures print it beside frame times, load and INP.
 */
export interface MachineTicks {
  total: number;
  steal: number;
}

export function machineTicks(): MachineTicks {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    // cpu user nice system idle iowait irq softirq steal (guest time is already inside user and nice)
    const fields = line.trim().split(/\s+/).slice(1, 9).map(Number);
    return { total: fields.reduce((n, f) => n + f, 0), steal: fields[7] ?? Number.NaN };
  } catch {
    return { total: Number.NaN, steal: Number.NaN };
  }
}

/** The machine's CPU ticks from `start` until now. */
export function ticksSince(start: MachineTicks): MachineTicks {
  const now = machineTicks();
  return { total: now.total - start.total, steal: now.steal - start.steal };
}

/** The share (%) of `ticks` (a stretch of the machine's CPU time) that the hypervisor took. */
export function stealPercent(ticks: MachineTicks): number {
  return ticks.total > 0 ? (100 * ticks.steal) / ticks.total : Number.NaN;
}
