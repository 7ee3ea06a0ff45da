/**
 * Who may see an attached file is the owning leg's decision: each leg registers, for its kind of
 * owner ('case', later 'petition', 'budget_project'), whether the caller may see that object.
 */
import type { AppContext } from '../env';

export type CanView = (c: AppContext, ownerId: string) => Promise<boolean>;

const owners = new Map<string, CanView>();

export function registerAttachmentOwner(kind: string, canView: CanView): void {
  owners.set(kind, canView);
}

export function attachmentViewer(kind: string): CanView | undefined {
  return owners.get(kind);
}
