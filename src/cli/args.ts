/** Minimal flag parsing for the authoring commands: positional arguments plus `--name value` and `--flag`. */
export function parseArgs(
  argv: string[],
  valued: readonly string[] = [],
): { positional: string[]; flags: Map<string, string | true> } {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (inline !== undefined) flags.set(name, inline);
    else if (valued.includes(name)) {
      const value = argv[++i];
      if (value === undefined) throw new Error(`--${name} needs a value`);
      flags.set(name, value);
    } else flags.set(name, true);
  }
  return { positional, flags };
}

/** Prints the message and exits with status 2 (a usage or content problem, not a crash). */
export function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
