/**
 * The server's log: one line per event. As text for one machine (`room ABC234: ...`), or as JSON lines
 * (LOG_FORMAT=json, the default with several nodes) for a log collector: time, level, node, room and
 * message, so every line about a room carries its id and every line says which node wrote it.
 */
export interface LogFields {
  /** The room the line is about. */
  room?: string;
  level?: 'info' | 'warn' | 'error';
  [field: string]: unknown;
}

export type Log = (message: string, fields?: LogFields) => void;

export type LogFormat = 'text' | 'json';

export function createLog(
  format: LogFormat,
  node: string | undefined,
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Log {
  if (format === 'json') {
    return (message, fields = {}) => {
      const { level = 'info', room, ...rest } = fields;
      write(JSON.stringify({ time: new Date().toISOString(), level, node, room, msg: message, ...rest }));
    };
  }
  return (message, fields = {}) => {
    const { level, room } = fields;
    const prefix = `${level && level !== 'info' ? `${level}: ` : ''}${room ? `room ${room}: ` : ''}`;
    write(`${prefix}${message}`);
  };
}
