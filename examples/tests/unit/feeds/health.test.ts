import { healthOf } from '../../../src/feeds/health.js';

test('three failures in ten is degraded', () => expect(healthOf(3)).toBe('degraded'));
