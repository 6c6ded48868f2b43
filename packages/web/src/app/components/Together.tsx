/**
 * Issue 14's small shared pieces: the new-activity markers a queue row shows
 * its owner, and the words for why two cases are linked.
 */
import type { Activity, CaseLink } from '../types.js';

const ACTIVITY_WORDS: Record<Activity, string> = {
  'resident-wrote': 'Resident wrote',
  'department-answered': 'Department answered',
  reassigned: 'Reassigned to you',
};

/** "New: resident wrote" and the like, until the owner opens the case. */
export function ActivityMarkers({ activity }: { activity?: Activity[] }) {
  if (!activity?.length) return null;
  return (
    <>
      {activity.map((a) => (
        <span key={a} className="tag tag-new">
          <span className="visually-hidden">New: </span>
          {ACTIVITY_WORDS[a]}
        </span>
      ))}
    </>
  );
}

const RELATION_WORDS: Record<CaseLink['relation'], string> = {
  mentions: 'quoted here',
  'mentioned-by': 'quotes this case',
  'same-message': 'from the same message: its own clock',
  related: 'related',
  'same-resident': 'same resident, possible duplicate',
  'merged-from': 'merged into this case',
  'merged-into': 'this case was merged into it',
  'duplicate-of': 'this case duplicates it',
  'duplicated-by': 'a duplicate of this case',
};

export function relationWords(relation: CaseLink['relation']): string {
  return RELATION_WORDS[relation];
}
