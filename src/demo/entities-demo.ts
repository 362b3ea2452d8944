import type { Kysely } from 'kysely';
import type { Database, EntityType } from '../db/schema.js';
import { saveEntity } from '../features/entities/entity.service.js';

/**
 * The demo's people, places and organisations linked across editions (decision 0027). All are
 * invented, like the stories that tag them; the Wikidata ids are left empty for that reason.
 */
interface DemoEntity {
  type: EntityType;
  name: string;
  role?: string;
  description: string;
  aliases: string[];
  /** The tag's name in each edition, where the demo's stories carry one. */
  tags: Partial<Record<'en' | 'ru' | 'az', string>>;
}

export const DEMO_ENTITIES: readonly DemoEntity[] = [
  {
    type: 'person',
    name: 'Halima Ardan',
    role: 'Speaker of the National Assembly',
    description: 'Invented parliamentarian of the demo’s invented republic.',
    aliases: ['Халима Ардан', 'Həlimə Ardan', 'Ardan'],
    tags: { en: 'Halima Ardan', ru: 'Халима Ардан', az: 'Həlimə Ardan' },
  },
  {
    type: 'person',
    name: 'Tariq Mensov',
    role: 'Leader of the Civic Renewal Party',
    description: 'Invented opposition politician.',
    aliases: ['Тарик Менсов', 'Mensov', 'Менсов'],
    tags: { en: 'Tariq Mensov', ru: 'Тарик Менсов', az: 'Tariq Mensov' },
  },
  {
    type: 'person',
    name: 'Aydan Korveli',
    role: 'Mayor of Port Velmar',
    description: 'Invented mayor of the demo’s harbour city.',
    aliases: ['Айдан Корвели', 'Korveli', 'Корвели'],
    tags: { en: 'Aydan Korveli', ru: 'Айдан Корвели', az: 'Aydan Korveli' },
  },
  {
    type: 'person',
    name: 'Kamran Beshir',
    role: 'Chair of the Caspian Coastal Forum',
    description: 'Invented head of the coast’s association of port cities.',
    aliases: ['Камран Бешир', 'Kamran Bəşir', 'Beshir', 'Бешир', 'Bəşir'],
    tags: { en: 'Kamran Beshir', ru: 'Камран Бешир', az: 'Kamran Bəşir' },
  },
  {
    type: 'place',
    name: 'Port Velmar',
    description: 'Invented harbour city on the Caspian coast.',
    aliases: ['Порт-Велмар', 'Port-Velmar', 'Velmar'],
    tags: { en: 'Port Velmar', ru: 'Порт-Велмар', az: 'Port-Velmar' },
  },
  {
    type: 'place',
    name: 'Sarvan',
    description: 'Invented capital of the demo’s republic.',
    aliases: ['Сарван'],
    tags: { en: 'Sarvan', ru: 'Сарван', az: 'Sarvan' },
  },
  {
    type: 'organisation',
    name: 'Caspian Coastal Forum',
    description: 'Invented association of the coast’s port cities.',
    aliases: ['Каспийский прибрежный форум', 'Xəzər Sahil Forumu'],
    tags: { en: 'Caspian Coastal Forum', ru: 'Каспийский прибрежный форум', az: 'Xəzər Sahil Forumu' },
  },
  {
    type: 'organisation',
    name: 'National Assembly',
    description: 'The invented republic’s parliament.',
    aliases: ['Национальное собрание', 'Milli Məclis'],
    tags: { en: 'National Assembly', ru: 'Национальное собрание', az: 'Milli Məclis' },
  },
];

/** Links the demo's tags as entities; a tag the stories do not carry is left out. */
export async function seedDemoEntities(db: Kysely<Database>, now: Date): Promise<number> {
  let made = 0;
  for (const e of DEMO_ENTITIES) {
    const lines: string[] = [];
    for (const [edition, name] of Object.entries(e.tags)) {
      const tag = await db.selectFrom('tags').select('slug').where('edition', '=', edition).where('type', '=', e.type).where('name', '=', name).executeTakeFirst();
      if (tag) lines.push(`${edition}/${tag.slug}`);
    }
    await saveEntity(
      db,
      null,
      { type: e.type, name: e.name, slug: '', aliases: e.aliases.join('\n'), description: e.description, role: e.role ?? '', wikidata: '', photo: '', tags: lines.join('\n') },
      undefined,
      now,
    );
    made++;
  }
  return made;
}
