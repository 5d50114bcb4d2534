// Components that can be focused by a command (Ctrl+/ focuses the filter bar) register here.

type Focus = () => void;
const targets = new Map<string, Focus>();

export function registerFocus(name: 'filter' | 'list' | 'flowSearch', f: Focus): () => void {
  targets.set(name, f);
  return () => {
    if (targets.get(name) === f) targets.delete(name);
  };
}

export function focusTarget(name: 'filter' | 'list' | 'flowSearch'): void {
  targets.get(name)?.();
}
