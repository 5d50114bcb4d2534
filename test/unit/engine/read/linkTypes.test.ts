// Link-type names for display: the common ones by their LINKTYPE_ names, unknown ones generic.

import assert from 'node:assert/strict';
import { it } from 'node:test';
import { linkTypeInfo, linkTypeName } from '../../../../src-main/engine/read/linkTypes.js';

it('names link types', () => {
  const names = [0, 1, 101, 108, 113, 228, 229, 276, 147, 162].map(linkTypeName);
  assert.deepEqual(names, ['NULL', 'ETHERNET', 'RAW', 'LOOP', 'LINUX_SLL', 'IPV4', 'IPV6', 'LINUX_SLL2', 'USER0', 'USER15']);
  assert.deepEqual(linkTypeInfo(276), { name: 'LINUX_SLL2', description: 'Linux cooked-mode capture v2' });
  assert.deepEqual(linkTypeInfo(9999), { name: 'LINKTYPE_9999', description: 'Unknown link type 9999' });
});
