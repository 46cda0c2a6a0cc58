import { PinoLogger, REDACTED_FIELDS } from '../../../../src/adapters/system/pino-logger';

/** A logger writing into an array of parsed lines. */
function recordingLogger(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const logger = PinoLogger.create({
    level,
    destination: { kind: 'stream', stream: { write: (line: string) => lines.push(JSON.parse(line)) } },
  });
  return { logger, lines };
}

describe('PinoLogger', () => {
  it('writes one JSON line with an ISO timestamp, the level, the fields and the message', () => {
    const { logger, lines } = recordingLogger();
    logger.info({ url: 'http://localhost:31337' }, 'listening');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      name: 'pumphouse',
      url: 'http://localhost:31337',
      msg: 'listening',
    });
    expect(lines[0].time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('drops entries below the configured level', () => {
    const { logger, lines } = recordingLogger('warn');
    logger.debug({}, 'd');
    logger.info({}, 'i');
    logger.warn({}, 'w');
    logger.error({}, 'e');
    expect(lines.map((line) => line.msg)).toEqual(['w', 'e']);
  });

  it('logs nothing when silent', () => {
    const { logger, lines } = recordingLogger('silent');
    logger.error({}, 'e');
    expect(lines).toEqual([]);
  });

  it('carries the fields of a child into every line', () => {
    const { logger, lines } = recordingLogger();
    logger.child({ component: 'web' }).warn({ status: 500 }, 'failed');
    expect(lines[0]).toMatchObject({ component: 'web', status: 500, msg: 'failed' });
  });

  it.each(REDACTED_FIELDS)('redacts %s at the top level and nested', (field) => {
    const { logger, lines } = recordingLogger();
    logger.info(
      { [field]: 'top', req: { headers: { [field]: 'nested' } }, a: { b: { c: { [field]: 'deep' } } } },
      'x',
    );
    const text = JSON.stringify(lines[0]);
    expect(text).not.toMatch(/top|nested|deep/);
    expect(lines[0][field]).toBe('[redacted]');
  });

  it('redacts fields of a child logger too', () => {
    const { logger, lines } = recordingLogger();
    logger.child({ password: 'hunter2' }).info({}, 'x');
    expect(JSON.stringify(lines[0])).not.toContain('hunter2');
  });
});
