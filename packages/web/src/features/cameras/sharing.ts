/** Sharing modes in plain words, for owners and admins alike. */
import type { SharingMode } from '../../api/types.ts';

export const SHARING_CHOICES: { value: SharingMode; label: string; detail: string }[] = [
  { value: 'none', label: 'Not shared', detail: 'Nobody outside your organisation can see this camera’s video.' },
  { value: 'on_request', label: 'Ask me each time', detail: 'Investigators can ask for video from a time and place; you approve or decline each request.' },
  { value: 'alarm_only', label: 'Only during an emergency', detail: 'Operators can see the live picture only while an emergency call is open near this camera.' },
  { value: 'live', label: 'Live for the crime centre', detail: 'Operators can watch the live picture at any time. Every look is recorded and you can see who looked.' },
];

export const sharingLabel = (mode: string) => SHARING_CHOICES.find((c) => c.value === mode)?.label ?? mode;
