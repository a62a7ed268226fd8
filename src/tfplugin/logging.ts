/**
 * hclog-JSON lines on stderr: Terraform shows them under TF_LOG / TF_LOG_PROVIDER and hides them
 * otherwise. stdout belongs to the handshake alone. Never pass a secret to any of these functions.
 */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

const ORDER: Record<LogLevel | 'off', number> = { trace: 0, debug: 1, info: 2, warn: 3, error: 4, off: 5 };

function levelFromEnv(env: NodeJS.ProcessEnv): LogLevel | 'off' {
  // Terraform passes its environment to the provider; skipping lines no one will see saves work.
  const raw = (env.TF_LOG_PROVIDER || env.TF_LOG || '').toLowerCase();
  if (raw === 'json' || raw === '1' || raw === 'true') return 'trace';
  return raw in ORDER ? (raw as LogLevel) : 'off';
}

/** `2026-11-23T14:03:08.123000Z`: hclog wants exactly six fractional digits. */
function timestamp(): string {
  // The system clock, as every other line in Terraform's log (not credform's, src/clock.ts).
  return new Date().toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export class Logger {
  private readonly threshold: number;
  constructor(
    private readonly module: string,
    env: NodeJS.ProcessEnv = process.env,
    private readonly write: (line: string) => void = (line) => process.stderr.write(line),
  ) {
    this.threshold = ORDER[levelFromEnv(env)];
  }

  enabled(level: LogLevel): boolean {
    return ORDER[level] >= this.threshold;
  }

  log(level: LogLevel, message: string, fields: Record<string, unknown> = {}): void {
    if (!this.enabled(level)) return;
    const line = { '@level': level, '@message': message, '@module': this.module, '@timestamp': timestamp(), ...fields };
    this.write(JSON.stringify(line) + '\n');
  }

  trace(message: string, fields?: Record<string, unknown>): void { this.log('trace', message, fields); }
  debug(message: string, fields?: Record<string, unknown>): void { this.log('debug', message, fields); }
  info(message: string, fields?: Record<string, unknown>): void { this.log('info', message, fields); }
  warn(message: string, fields?: Record<string, unknown>): void { this.log('warn', message, fields); }
  error(message: string, fields?: Record<string, unknown>): void { this.log('error', message, fields); }
}
