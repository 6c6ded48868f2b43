/** The working-day countdown, in words and an icon as well as colour. */
import { countdownText, type Urgency, urgencyOf } from '../queue.js';
import type { Countdown } from '../types.js';

/** Drawn, not a font glyph: every machine shows the same shape. */
export function Icon({ urgency }: { urgency: Urgency }) {
  const common = { className: 'due-icon', width: 16, height: 16, viewBox: '0 0 16 16', focusable: false } as const;
  if (urgency === 'overdue') {
    return (
      <svg {...common} aria-hidden="true">
        <path d="M8 1 L15.5 14.5 H0.5 Z" fill="currentColor" />
        <rect x="7.1" y="5.5" width="1.8" height="5" fill="#fff" />
        <rect x="7.1" y="11.6" width="1.8" height="1.8" fill="#fff" />
      </svg>
    );
  }
  if (urgency === 'at-risk') {
    return (
      <svg {...common} aria-hidden="true">
        <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="2" />
        <path d="M8 4 V8.5 H11" fill="none" stroke="currentColor" strokeWidth="2" />
      </svg>
    );
  }
  if (urgency === 'on-track') {
    return (
      <svg {...common} aria-hidden="true">
        <path d="M2 8.5 L6.5 13 L14 3.5" fill="none" stroke="currentColor" strokeWidth="2.2" />
      </svg>
    );
  }
  return (
    <svg {...common} aria-hidden="true">
      <rect x="3" y="7" width="10" height="2" fill="currentColor" />
    </svg>
  );
}

export function Due({ countdown }: { countdown: Countdown }) {
  const urgency = urgencyOf(countdown);
  const text = countdownText(countdown);
  return (
    <span className={`due due-${urgency}`}>
      <Icon urgency={urgency} /> {urgency === 'at-risk' ? <strong>At risk: </strong> : null}
      {urgency === 'overdue' ? <strong>{text}</strong> : text}
    </span>
  );
}
