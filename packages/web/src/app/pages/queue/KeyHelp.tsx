/** The queue's keys, in a dialog `?` opens and Escape (or the button) closes. */
import { useEffect, useRef } from 'react';

const KEYS: [string, string][] = [
  ['/', 'Search every case'],
  ['j', 'Next case (on to the next page after the last)'],
  ['k', 'Previous case'],
  ['Enter', 'Open the case'],
  ['x', 'Select or unselect the case'],
  ['?', 'Show these keys'],
];

export function KeyHelp({ onClose }: { onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    d?.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog ref={dialog} className="key-help" aria-labelledby="key-help-title" onClose={onClose}>
      <h2 id="key-help-title">Keyboard shortcuts</h2>
      <dl>
        {KEYS.map(([key, what]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </dialog>
  );
}
