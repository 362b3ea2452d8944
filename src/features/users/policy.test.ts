import { describe, expect, it } from 'vitest';
import type { Role } from '../../db/schema.js';
import { can, canEditMediaMeta, type Action, type Actor, type ArticleFacts, type WorkflowState } from './policy.js';

const actor = (role: Role): Actor => ({ userId: 7, role, name: role });
const own = (state: WorkflowState): ArticleFacts => ({ createdBy: 7, state });
const others = (state: WorkflowState): ArticleFacts => ({ createdBy: 8, state });

// The whole matrix, written out: [action, article, admin, editor, writer].
const MATRIX: [Action, ArticleFacts | undefined, boolean, boolean, boolean][] = [
  ['article.create', undefined, true, true, true],
  ['article.view', others('draft'), true, true, true],
  ['article.edit', own('draft'), true, true, true],
  ['article.edit', own('in_review'), true, true, true],
  ['article.edit', own('scheduled'), true, true, false],
  ['article.edit', own('published'), true, true, false],
  ['article.edit', others('draft'), true, true, false],
  ['article.submit', own('draft'), true, true, true],
  ['article.submit', own('in_review'), true, true, false],
  ['article.submit', others('draft'), true, true, false],
  ['article.withdraw', own('in_review'), true, true, true],
  ['article.withdraw', others('in_review'), true, true, false],
  ['article.publish', own('in_review'), true, true, false],
  ['article.schedule', own('draft'), true, true, false],
  ['article.unpublish', own('published'), true, true, false],
  ['article.correct', own('published'), true, true, false],
  ['article.delete', own('draft'), true, true, true],
  ['article.delete', own('published'), true, true, false],
  ['article.delete', others('draft'), true, true, false],
  ['article.restore', own('draft'), true, true, true],
  ['article.restore', own('published'), true, true, false],
  ['media.upload', undefined, true, true, true],
  ['media.edit', undefined, true, true, false],
  ['section.manage', undefined, true, true, false],
  ['tag.manage', undefined, true, true, false],
  ['publication.manage', undefined, true, true, false],
  ['author.manage', undefined, true, true, false],
  ['user.manage', undefined, true, false, false],
  ['settings.manage', undefined, true, false, false],
  ['apikey.manage', undefined, true, false, false],
  ['webhook.manage', undefined, true, false, false],
  ['audit.view', undefined, true, false, false],
];

describe('roles', () => {
  it.each(MATRIX)('%s on %o: admin %s, editor %s, writer %s', (action, article, admin, editor, writer) => {
    expect(can(actor('admin'), action, article)).toBe(admin);
    expect(can(actor('editor'), action, article)).toBe(editor);
    expect(can(actor('writer'), action, article)).toBe(writer);
  });

  it('never lets a writer act on an article without a known creator (imports, integration keys)', () => {
    expect(can(actor('writer'), 'article.edit', { createdBy: null, state: 'draft' })).toBe(false);
    expect(can({ userId: null, role: 'writer', name: 'key' }, 'article.edit', { createdBy: null, state: 'draft' })).toBe(false);
  });

  it('lets a writer-scoped integration key work on the drafts it created, and on nothing else', () => {
    const key: Actor = { userId: null, role: 'writer', name: 'Integration key “wire”', apiKeyId: 3 };
    const byKey = (state: WorkflowState, keyId = 3): ArticleFacts => ({ createdBy: null, createdByKey: keyId, state });
    expect(can(key, 'article.edit', byKey('draft'))).toBe(true);
    expect(can(key, 'article.submit', byKey('draft'))).toBe(true);
    expect(can(key, 'article.withdraw', byKey('in_review'))).toBe(true);
    expect(can(key, 'article.delete', byKey('in_review'))).toBe(true);
    expect(can(key, 'article.edit', byKey('published'))).toBe(false);
    expect(can(key, 'article.publish', byKey('draft'))).toBe(false);
    expect(can(key, 'article.schedule', byKey('draft'))).toBe(false);
    expect(can(key, 'article.edit', byKey('draft', 4))).toBe(false);
    expect(can(key, 'article.edit', { createdBy: null, state: 'draft' })).toBe(false);
    expect(can(key, 'article.edit', own('draft'))).toBe(false);
    // A person never owns what a key wrote, even a person whose user id equals the key's id.
    expect(can({ userId: 3, role: 'writer', name: 'Wren' }, 'article.edit', byKey('draft'))).toBe(false);
  });

  it('lets anyone who may upload change the description of their own images; editors and admins of any image', () => {
    const mine = { createdBy: 7 };
    const someoneElses = { createdBy: 8 };
    const unknown = { createdBy: null };
    for (const role of ['admin', 'editor'] as const) {
      for (const media of [mine, someoneElses, unknown]) expect(canEditMediaMeta(actor(role), media), role).toBe(true);
    }
    expect(canEditMediaMeta(actor('writer'), mine)).toBe(true);
    expect(canEditMediaMeta(actor('writer'), someoneElses)).toBe(false);
    expect(canEditMediaMeta(actor('writer'), unknown)).toBe(false);
    // Owning an image is about its description only: deleting stays with editors.
    expect(can(actor('writer'), 'media.edit')).toBe(false);
    // A key has no user id, so it never matches an image with no known uploader.
    expect(canEditMediaMeta({ userId: null, role: 'writer', name: 'key', apiKeyId: 3 }, unknown)).toBe(false);
  });
});
