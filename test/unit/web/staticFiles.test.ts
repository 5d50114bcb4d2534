// The web host never serves a file outside the renderer folder.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveStatic } from '../../../src-main/web/staticFiles.js';

test('paths resolve inside the root, / is index.html', () => {
  assert.equal(resolveStatic('/srv/r', '/'), '/srv/r/index.html');
  assert.equal(resolveStatic('/srv/r', '/assets/index-1.js'), '/srv/r/assets/index-1.js');
  assert.equal(resolveStatic('/srv/r', '/assets/%69ndex.js'), '/srv/r/assets/index.js');
});

test('escapes are refused', () => {
  assert.equal(resolveStatic('/srv/r', '/../secret'), null);
  assert.equal(resolveStatic('/srv/r', '/%2e%2e/secret'), null);
  assert.equal(resolveStatic('/srv/r', '/assets/../../etc/passwd'), null);
  assert.equal(resolveStatic('/srv/r', '/%00'), null);
  assert.equal(resolveStatic('/srv/r', '/%E0%A4%A'), null);
  assert.equal(resolveStatic('/srv/r', '/../r2/x'), null, 'a sibling folder sharing the prefix');
});
