// One module reads the environment (runtime/config.ts); a bad value stops start-up with a message that
// names the variable and the rule, never a stack trace.
import path from 'node:path';
import { ConfigError, loadConfig } from '../../runtime/config';

function configErrorOf(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration from the environment', () => {
  test('embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.TEMPORAL_ADDRESS).toBeUndefined();
    expect(config.SMTP_URL).toBeUndefined();
    expect(config.API_PORT).toBe(3000);
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.DATA_DIR).toBe(path.resolve('.kaohe'));
    expect(config.evidenceDir).toBe(path.join(path.resolve('.kaohe'), 'evidence'));
  });

  test('relative directories are made absolute (child processes run elsewhere)', () => {
    const config = loadConfig({ DATA_DIR: 'var/kaohe', EVIDENCE_DIR: 'files' });
    expect(config.DATA_DIR).toBe(path.resolve('var/kaohe'));
    expect(config.evidenceDir).toBe(path.resolve('files'));
  });

  test.each([
    ['DATABASE_URL', 'mysql://localhost/kaohe', 'must be a URL starting with postgresql:// or postgres://'],
    ['TEMPORAL_ADDRESS', 'localhost', 'must be host:port'],
    ['SMTP_URL', 'http://mail', 'must be a URL starting with smtp:// or smtps://'],
    ['API_PORT', '70000', 'API_PORT'],
    ['EVIDENCE_MAX_BYTES', '-1', 'EVIDENCE_MAX_BYTES'],
  ])('%s=%s is refused with a message naming it', (name, value, rule) => {
    const error = configErrorOf({ [name]: value });
    expect(error.name).toBe('ConfigError');
    expect(error.message).toContain(name);
    expect(error.message).toContain(rule);
    expect(error.message).not.toMatch(/\n\s+at /); // no stack trace in the message
  });

  test('every bad variable is named at once', () => {
    const error = configErrorOf({ DATABASE_URL: 'nope', TEMPORAL_ADDRESS: 'nope' });
    expect(error.message).toContain('DATABASE_URL');
    expect(error.message).toContain('TEMPORAL_ADDRESS');
  });
});
