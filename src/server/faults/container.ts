// Faults in the container rules (seed lines 15-23; semantics.md "Exactly one
// of folder, snippet, device").
import type { Fault } from './types.ts';
import { CONTAINER_PATTERN } from '../validate/container.ts';

export const CONTAINER_FAULTS: Record<string, Fault> = {
  'container-regex-unanchored': {
    kind: 'regex',
    description: 'The container pattern has no ^/$ anchors, so "a/b" (one allowed character somewhere) passes.',
    apply: (s) => {
      s.container.test = (v) => /[A-Za-z0-9_. -]+/.test(v);
    },
  },
  'container-regex-allows-slash': {
    kind: 'regex',
    description: 'The container pattern also allows "/".',
    apply: (s) => {
      s.container.test = (v) => /^[A-Za-z0-9_. /-]+$/.test(v);
    },
  },
  'container-maxlength-65': {
    kind: 'length',
    description: 'Containers may have 65 characters instead of at most 64.',
    apply: (s) => {
      s.container.maxLength = 65;
    },
  },
  'container-empty-allowed': {
    kind: 'length',
    description: 'An empty container string "" is accepted.',
    apply: (s) => {
      s.container.minLength = 0;
      s.container.test = (v) => v === '' || CONTAINER_PATTERN.test(v);
    },
  },
  'two-containers-accepted': {
    kind: 'container-exclusivity',
    description: 'A body with two containers (folder and snippet) is accepted.',
    apply: (s) => {
      s.container.count = (n) => n >= 1;
    },
  },
  'no-container-accepted': {
    kind: 'container-exclusivity',
    description: 'A body with no folder, snippet or device is accepted.',
    apply: (s) => {
      s.container.count = (n) => n <= 1;
    },
  },
};
