/** Runs after every test file (jest setupFilesAfterEnv): no canary secret may have leaked anywhere. */
import { resetCanaryScan, scanForCanaries } from './canary';

afterAll(() => {
  const findings = scanForCanaries();
  resetCanaryScan();
  if (findings.length) throw new Error(`canary secrets leaked:\n${findings.join('\n')}`);
});
