// The frame every dialog uses: title, body, action buttons; Escape and the backdrop close it.

import { useEffect, type ReactNode } from 'react';

interface Props {
  title: string;
  onClose: () => void;
  actions: ReactNode;
  children: ReactNode;
  testId?: string;
}

export function DialogFrame({ title, onClose, actions, children, testId }: Props) {
  useEffect(() => {
    const key = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', key);
    return () => window.removeEventListener('keydown', key);
  }, [onClose]);
  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="dialog" role="dialog" aria-label={title} data-testid={testId}>
        <h2>{title}</h2>
        <div className="body">{children}</div>
        <div className="actions">{actions}</div>
      </div>
    </div>
  );
}
