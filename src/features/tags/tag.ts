import type { TagType } from '../../db/schema.js';

export const TAG_TYPES: readonly TagType[] = ['person', 'place', 'organisation', 'topic'];

/** URL folder of each tag type: /people/<slug>, /places/<slug>, … */
export const TAG_FOLDERS: Readonly<Record<TagType, string>> = {
  person: 'people',
  place: 'places',
  organisation: 'organisations',
  topic: 'topics',
};

export const tagTypeOfFolder = (folder: string): TagType | undefined =>
  TAG_TYPES.find((type) => TAG_FOLDERS[type] === folder);

export const tagPath = (prefix: string, type: TagType, slug: string) => `${prefix}/${TAG_FOLDERS[type]}/${slug}`;
