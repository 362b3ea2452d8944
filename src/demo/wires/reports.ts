/**
 * The demo agency's reports: what four news agencies "sent" about the invented Republic of
 * Veradan and its neighbours. Every story, person, company and quotation is invented; the agencies
 * (Reuters, AFP, TASS, Anadolu) appear only as the senders, and every address is an illustrative
 * path that does not exist. Several stories are told by several agencies in their own words and
 * lengths, as a wire desk sees them; one report is updated, one is killed, one is under embargo.
 */

export type DemoAgency = 'reuters' | 'afp' | 'tass' | 'anadolu';

export interface DemoWireReport {
  agency: DemoAgency;
  /**
   * The event reported. Reports of one story belong in one group on the desk (translations too:
   * the story fingerprint meets across scripts by names and figures); reports of different
   * stories never do.
   */
  story: string;
  language: 'en' | 'ru';
  headline: string;
  byline?: string;
  place: string;
  /** IPTC urgency, 1 (flash) to 9. */
  urgency?: number;
  subjects?: string[];
  /** Sent this many minutes before the moment the demo is seeded. */
  minutesAgo: number;
  /** The version the agency declares (2 for an update or a kill of an earlier report). */
  version?: number;
  status?: 'usable' | 'canceled';
  /** Not to be published until this many minutes after the moment the demo is seeded. */
  embargoMinutes?: number;
  /** The report's address at its agency (an invented path), which is also its id: a new version keeps it. */
  url: string;
  paragraphs: string[];
}

const R = (path: string) => `https://www.reuters.com/${path}/example-invented-story`;
const A = (path: string) => `https://www.afp.com/en/news/example-invented-story-${path}`;
const T = (path: string) => `https://tass.com/example-invented-story-${path}`;
const T_RU = (path: string) => `https://tass.ru/example-invented-story-${path}`;
const AA = (path: string) => `https://www.aa.com.tr/en/example-invented-story-${path}`;
const AA_RU = (path: string) => `https://www.aa.com.tr/ru/example-invented-story-${path}`;

export const DEMO_WIRE_REPORTS: readonly DemoWireReport[] = [
  // ------------------------------------------------ ferry aground off Kestrel Bay (4 agencies, an update)
  {
    agency: 'reuters',
    story: 'ferry',
    language: 'en',
    headline: 'Ferry runs aground off Kestrel Bay with 212 passengers aboard',
    byline: 'Reuters staff',
    place: 'Kestrel Bay',
    urgency: 3,
    subjects: ['Maritime accidents', 'Transport'],
    minutesAgo: 95,
    url: R('world/kestrel-bay-ferry'),
    paragraphs: [
      'KESTREL BAY, Veradan (Reuters) - A passenger ferry carrying 212 people ran aground on a sandbank off Kestrel Bay in thick fog early in the morning, Veradan\'s Maritime Rescue Service said.',
      'The Sea Lantern, operated by Velmar Lines, was sailing from Port Velmar to Kestrel Bay when it struck the sandbank about four kilometres from the harbour, the service said in a statement.',
      '"All passengers are safe and are being brought ashore by lifeboats and tugs," service spokeswoman Dilara Mesim said. No injuries were reported.',
      'Velmar Lines said it had suspended its Kestrel Bay service for the day and would inspect the hull once the vessel was refloated.',
    ],
  },
  {
    agency: 'reuters',
    story: 'ferry',
    language: 'en',
    headline: 'UPDATE 1-All 212 passengers brought ashore after ferry runs aground off Kestrel Bay',
    byline: 'Reuters staff',
    place: 'Kestrel Bay',
    urgency: 4,
    subjects: ['Maritime accidents', 'Transport'],
    minutesAgo: 40,
    version: 2,
    url: R('world/kestrel-bay-ferry'),
    paragraphs: [
      'KESTREL BAY, Veradan (Reuters) - All 212 people aboard a passenger ferry that ran aground on a sandbank off Kestrel Bay in thick fog early in the morning have been brought ashore, Veradan\'s Maritime Rescue Service said.',
      'The Sea Lantern, operated by Velmar Lines, was sailing from Port Velmar to Kestrel Bay when it struck the sandbank about four kilometres from the harbour, the service said in a statement.',
      '"All passengers are safe and are being brought ashore by lifeboats and tugs," service spokeswoman Dilara Mesim said earlier. No injuries were reported.',
      'Tugs will try to refloat the ferry at high tide in the evening. Velmar Lines said it had suspended its Kestrel Bay service for the day and would inspect the hull once the vessel was refloated.',
    ],
  },
  {
    agency: 'afp',
    story: 'ferry',
    language: 'en',
    headline: 'Veradan ferry stranded on sandbank in fog, passengers evacuated',
    place: 'Kestrel Bay',
    urgency: 3,
    subjects: ['Accidents', 'Maritime transport'],
    minutesAgo: 80,
    url: A('ferry-kestrel-bay'),
    paragraphs: [
      'A ferry with 212 passengers aboard ran aground in thick fog off the Veradan port of Kestrel Bay, rescuers said, and lifeboats were taking people ashore.',
      '"All passengers are safe and are being brought ashore by lifeboats and tugs," Maritime Rescue Service spokeswoman Dilara Mesim told AFP.',
      'The Sea Lantern, run by Velmar Lines, had left Port Velmar overnight and struck a sandbank about four kilometres from the harbour.',
      'Fog has closed Kestrel Bay harbour to traffic twice this month, according to the port authority.',
    ],
  },
  {
    agency: 'anadolu',
    story: 'ferry',
    language: 'en',
    headline: 'Ferry with 212 people runs aground near Veradan\'s Kestrel Bay',
    byline: 'Selim Karavel',
    place: 'Kestrel Bay',
    urgency: 4,
    subjects: ['World'],
    minutesAgo: 70,
    url: AA('ferry-kestrel-bay'),
    paragraphs: [
      'A passenger ferry with 212 people on board ran aground on a sandbank near Kestrel Bay in thick fog, Veradan\'s Maritime Rescue Service said.',
      '"All passengers are safe and are being brought ashore by lifeboats and tugs," spokeswoman Dilara Mesim said in a statement.',
      'The ferry Sea Lantern of Velmar Lines was sailing from Port Velmar. No injuries were reported.',
    ],
  },
  {
    agency: 'tass',
    story: 'ferry',
    language: 'ru',
    headline: 'Паром с 212 пассажирами сел на мель у Кестрел-Бея',
    place: 'Кестрел-Бей',
    minutesAgo: 75,
    url: T_RU('parom-kestrel-bei'),
    paragraphs: [
      'КЕСТРЕЛ-БЕЙ, (ТАСС). Пассажирский паром Sea Lantern компании Velmar Lines, на борту которого находились 212 человек, сел на мель у Кестрел-Бея в густом тумане, сообщила Морская спасательная служба Верадана.',
      '«Все пассажиры в безопасности, их доставляют на берег спасательными шлюпками и буксирами», — заявила представитель службы Дилара Месим.',
      'Паром шёл из Порт-Велмара. Пострадавших нет.',
    ],
  },

  // ------------------------------------------------ the National Bank cuts its key rate (3 agencies)
  {
    agency: 'reuters',
    story: 'rate',
    language: 'en',
    headline: 'Veradan central bank cuts key rate to 9% as inflation slows',
    byline: 'Reuters staff',
    place: 'Sarvan',
    urgency: 3,
    subjects: ['Central banks', 'Economy'],
    minutesAgo: 180,
    url: R('markets/veradan-rate-cut'),
    paragraphs: [
      'SARVAN, Veradan (Reuters) - The National Bank of Veradan cut its key interest rate by 50 basis points to 9.0% on the day, its first cut in more than a year, saying inflation had slowed for five months in a row.',
      '"Inflation has slowed for five months in a row and we expect it to reach our target of 5 percent by the end of next year," Governor Irina Vashti told a news conference in Sarvan.',
      'Annual consumer price inflation eased to 6.2% last month from 6.8% a month earlier, official data showed.',
      'Most economists had expected the bank to hold the rate at 9.5% for another meeting. The national currency firmed slightly against the dollar after the decision.',
    ],
  },
  {
    agency: 'tass',
    story: 'rate',
    language: 'en',
    headline: 'National Bank of Veradan lowers key rate to 9 pct',
    place: 'Sarvan',
    minutesAgo: 170,
    url: T('veradan-key-rate'),
    paragraphs: [
      'SARVAN, /TASS/. The National Bank of Veradan has lowered its key interest rate by 50 basis points to 9.0% per annum, the regulator said on its website.',
      '"Inflation has slowed for five months in a row and we expect it to reach our target of 5 percent by the end of next year," Governor Irina Vashti said.',
      'The previous cut of the key rate took place more than a year ago.',
    ],
  },
  {
    agency: 'anadolu',
    story: 'rate',
    language: 'en',
    headline: 'Veradan lowers policy rate by 50 basis points',
    byline: 'Ayla Demirkan',
    place: 'Sarvan',
    subjects: ['Economy'],
    minutesAgo: 160,
    url: AA('veradan-rate-cut'),
    paragraphs: [
      'The National Bank of Veradan cut its key interest rate by 50 basis points to 9 percent, citing slowing inflation.',
      '"Inflation has slowed for five months in a row and we expect it to reach our target of 5 percent by the end of next year," Governor Irina Vashti told a news conference in the capital Sarvan.',
      'Annual inflation in the country eased to 6.2 percent last month, according to official figures.',
    ],
  },

  // ------------------------------------------------ a storm closes Port Velmar harbour (3 agencies)
  {
    agency: 'reuters',
    story: 'storm',
    language: 'en',
    headline: 'Storm closes Port Velmar harbour, ferries and tankers held',
    byline: 'Reuters staff',
    place: 'Port Velmar',
    urgency: 4,
    subjects: ['Weather', 'Shipping'],
    minutesAgo: 55,
    url: R('world/port-velmar-storm'),
    paragraphs: [
      'PORT VELMAR, Veradan (Reuters) - Veradan closed the port of Port Velmar to all shipping as a storm with winds of up to 110 kilometres per hour swept the coast, halting ferries and holding some 30 tankers at anchor.',
      '"No ship will leave or enter the harbour until the wind drops below 60 kilometres an hour," harbour master Kerem Altan said.',
      'The Hydrometeorological Centre issued its highest storm warning for the coast and said the wind would ease only the next afternoon.',
      'Port Velmar handles about half of Veradan\'s seaborne oil exports.',
    ],
  },
  {
    agency: 'afp',
    story: 'storm',
    language: 'en',
    headline: 'Storm shuts Veradan\'s main port',
    place: 'Port Velmar',
    urgency: 4,
    subjects: ['Weather'],
    minutesAgo: 50,
    url: A('port-velmar-storm'),
    paragraphs: [
      'Veradan shut its main port of Port Velmar to all shipping as a storm with winds of up to 110 kilometres per hour swept the coast.',
      '"No ship will leave or enter the harbour until the wind drops below 60 kilometres an hour," harbour master Kerem Altan told AFP.',
      'Ferries to Kestrel Bay and Belkara were cancelled, and the Hydrometeorological Centre issued its highest storm warning.',
    ],
  },
  {
    agency: 'tass',
    story: 'storm',
    language: 'ru',
    headline: 'Шторм закрыл порт Порт-Велмара',
    place: 'Порт-Велмар',
    minutesAgo: 45,
    url: T_RU('shtorm-port-velmar'),
    paragraphs: [
      'ПОРТ-ВЕЛМАР, (ТАСС). Порт Порт-Велмара закрыт для всех судов из-за шторма, скорость ветра достигает 110 км в час, сообщил капитан порта Керем Алтан.',
      '«Ни одно судно не выйдет из гавани и не войдёт в неё, пока ветер не ослабнет до 60 километров в час», — сказал он.',
      'Гидрометцентр объявил для побережья высший уровень штормового предупреждения.',
    ],
  },

  // ------------------------------------------------ a gas pipeline deal signed in Sarvan (4 agencies)
  {
    agency: 'reuters',
    story: 'pipeline',
    language: 'en',
    headline: 'Veradan and Orsava sign $2.1 billion gas pipeline deal',
    byline: 'Reuters staff',
    place: 'Sarvan',
    urgency: 3,
    subjects: ['Energy', 'Diplomacy'],
    minutesAgo: 300,
    url: R('business/energy/veradan-orsava-pipeline'),
    paragraphs: [
      'SARVAN, Veradan (Reuters) - Veradan and Orsava signed a $2.1 billion agreement in Sarvan to build a 340-kilometre gas pipeline that will carry up to 6 billion cubic metres of Veradan gas a year to Orsava.',
      'Energy Minister Farid Dervani and his Orsavan counterpart Natalia Brenner signed the deal in the presence of both prime ministers.',
      '"This pipeline will carry gas to Orsava homes and bring revenue to Veradan for decades," Dervani said at the signing ceremony.',
      'Construction is due to start next spring and the first gas is expected to flow in three years. Caspo Energy will hold a 51% stake in the pipeline operator.',
      'Orsava now imports most of its gas by tanker, at prices that rose sharply last winter.',
    ],
  },
  {
    agency: 'tass',
    story: 'pipeline',
    language: 'en',
    headline: 'Veradan, Orsava sign agreement on 340-km gas pipeline',
    place: 'Sarvan',
    minutesAgo: 290,
    url: T('veradan-orsava-pipeline'),
    paragraphs: [
      'SARVAN, /TASS/. Veradan and Orsava have signed an agreement to build a 340-kilometre gas pipeline with a capacity of up to 6 billion cubic metres a year, worth $2.1 billion.',
      'The document was signed in Sarvan by Energy Minister Farid Dervani and his Orsavan counterpart Natalia Brenner.',
      '"This pipeline will carry gas to Orsava homes and bring revenue to Veradan for decades," Dervani said.',
    ],
  },
  {
    agency: 'anadolu',
    story: 'pipeline',
    language: 'en',
    headline: 'Veradan, Orsava agree to build gas pipeline',
    byline: 'Selim Karavel',
    place: 'Sarvan',
    subjects: ['Energy'],
    minutesAgo: 280,
    url: AA('veradan-orsava-pipeline'),
    paragraphs: [
      'Veradan and Orsava signed a $2.1 billion deal in Sarvan to build a 340-kilometre gas pipeline between the two countries.',
      'The pipeline will carry up to 6 billion cubic metres of gas a year, Energy Minister Farid Dervani said at the signing ceremony.',
      '"This pipeline will carry gas to Orsava homes and bring revenue to Veradan for decades," he said.',
      'Construction is due to start next spring.',
    ],
  },
  {
    agency: 'tass',
    story: 'pipeline',
    language: 'ru',
    headline: 'Верадан и Орсава подписали соглашение о строительстве газопровода',
    place: 'Сарван',
    minutesAgo: 285,
    url: T_RU('gazoprovod-veradan-orsava'),
    paragraphs: [
      'САРВАН, (ТАСС). Верадан и Орсава подписали в Сарване соглашение о строительстве газопровода протяжённостью 340 км и мощностью до 6 млрд кубометров газа в год. Стоимость проекта оценивается в $2,1 млрд.',
      'Документ подписали министр энергетики Верадана Фарид Дервани и министр энергетики Орсавы Наталья Бреннер.',
      '«Этот газопровод принесёт газ в дома Орсавы и доходы Верадану на десятилетия вперёд», — заявил Дервани.',
    ],
  },

  // ------------------------------------------------ the Halvek wind farm feeds the grid (2 agencies)
  {
    agency: 'afp',
    story: 'wind',
    language: 'en',
    headline: 'First Halvek wind turbines feed Veradan grid',
    place: 'Halvek',
    subjects: ['Energy', 'Environment'],
    minutesAgo: 400,
    url: A('halvek-wind-farm'),
    paragraphs: [
      'The first twelve turbines of the Halvek wind farm began feeding electricity into Veradan\'s grid, the operator Halvek Wind said, months ahead of schedule.',
      'The first phase of the farm, on a windswept plateau above the coast, will have 100 turbines and a capacity of 600 megawatts when it is completed next year.',
      '"Twelve turbines are turning today, and every month from now on more will join them," Halvek Wind chief executive Marta Olsen said.',
    ],
  },
  {
    agency: 'anadolu',
    story: 'wind',
    language: 'en',
    headline: 'Veradan\'s Halvek wind farm starts feeding electricity into grid',
    byline: 'Ayla Demirkan',
    place: 'Halvek',
    subjects: ['Energy'],
    minutesAgo: 390,
    url: AA('halvek-wind-farm'),
    paragraphs: [
      'The first twelve turbines of the Halvek wind farm began feeding electricity into Veradan\'s grid, operator Halvek Wind said in a statement.',
      '"Twelve turbines are turning today, and every month from now on more will join them," chief executive Marta Olsen said.',
      'The first phase will have 100 turbines with a capacity of 600 megawatts.',
    ],
  },

  // ------------------------------------------------ a candidate for mayor of Aldmoor (2 in Russian, 1 in English)
  {
    agency: 'tass',
    story: 'candidate',
    language: 'ru',
    headline: 'Лидер «Гражданского обновления» Надия Феррен выдвинулась в мэры Алдмура',
    place: 'Алдмур',
    minutesAgo: 220,
    url: T_RU('kandidat-aldmur'),
    paragraphs: [
      'АЛДМУР, (ТАСС). Лидер оппозиционной партии «Гражданское обновление» Надия Феррен объявила, что будет баллотироваться на пост мэра Алдмура на муниципальных выборах 14 марта.',
      '«Алдмуру нужны чистый транспорт, доступное жильё и открытый бюджет», — заявила Феррен на митинге в центре города.',
      'Действующий мэр Алдмура пока не сообщил, будет ли он участвовать в выборах.',
    ],
  },
  {
    agency: 'anadolu',
    story: 'candidate',
    language: 'ru',
    headline: 'Надия Феррен будет баллотироваться на пост мэра Алдмура',
    byline: 'Тимур Алиев',
    place: 'Алдмур',
    minutesAgo: 210,
    url: AA_RU('kandidat-aldmur'),
    paragraphs: [
      'Лидер оппозиционной партии «Гражданское обновление» Надия Феррен объявила о выдвижении на пост мэра Алдмура на муниципальных выборах 14 марта.',
      '«Алдмуру нужны чистый транспорт, доступное жильё и открытый бюджет», — сказала Феррен на митинге в центре города, собравшем несколько тысяч человек.',
      'Муниципальные выборы в Верадане впервые пройдут с голосованием по почте.',
    ],
  },
  {
    agency: 'afp',
    story: 'candidate',
    language: 'en',
    headline: 'Opposition leader Ferren to run for mayor of Aldmoor',
    place: 'Aldmoor',
    subjects: ['Politics', 'Elections'],
    minutesAgo: 200,
    url: A('aldmoor-candidate'),
    paragraphs: [
      'Nadia Ferren, leader of Veradan\'s opposition Civic Renewal party, said she would run for mayor of Aldmoor in the municipal elections on March 14.',
      '"Aldmoor needs clean transport, affordable homes and an open budget," Ferren told a rally of several thousand supporters in the city centre.',
      'The elections will be the first in Veradan with postal voting.',
    ],
  },

  // ------------------------------------------------ FC Port Velmar's coach resigns (Reuters and AFP)
  {
    agency: 'reuters',
    story: 'coach',
    language: 'en',
    headline: 'FC Port Velmar coach Wender resigns after three straight defeats',
    byline: 'Reuters staff',
    place: 'Port Velmar',
    subjects: ['Soccer'],
    minutesAgo: 130,
    url: R('sports/soccer/port-velmar-coach'),
    paragraphs: [
      'PORT VELMAR, Veradan (Reuters) - FC Port Velmar coach Lukas Wender resigned after three straight league defeats left the cup holders eighth in the Veradan Premier League, the club said.',
      '"I have given this club everything for four years, and now it needs a new voice in the dressing room," Wender said in a statement released by the club.',
      'Assistant coach Emil Rasko will take charge of the team for the match against Sarvan Dynamo at the weekend.',
      'Wender led Port Velmar to the Veradan Cup last season, the club\'s first trophy in nine years.',
    ],
  },
  {
    agency: 'afp',
    story: 'coach',
    language: 'en',
    headline: 'Port Velmar coach Wender quits after losing run',
    place: 'Port Velmar',
    subjects: ['Football'],
    minutesAgo: 120,
    url: A('port-velmar-coach'),
    paragraphs: [
      'Cup holders FC Port Velmar said coach Lukas Wender had resigned after three straight league defeats left them eighth in the Veradan Premier League.',
      '"I have given this club everything for four years, and now it needs a new voice in the dressing room," Wender said in a statement released by the club.',
      'Assistant Emil Rasko takes over for the weekend match against Sarvan Dynamo.',
    ],
  },

  // ------------------------------------------------ a comet from Tamsar Observatory (3 agencies)
  {
    agency: 'anadolu',
    story: 'comet',
    language: 'en',
    headline: 'Astronomers at Veradan\'s Tamsar Observatory discover new comet',
    byline: 'Selim Karavel',
    place: 'Tamsar',
    subjects: ['Science'],
    minutesAgo: 500,
    url: AA('tamsar-comet'),
    paragraphs: [
      'Astronomers at the Tamsar Observatory in Veradan have discovered a new comet, which will be visible through binoculars in the spring, the observatory said.',
      'The comet, named C/2026 T1 (Tamsar), was found in images taken by the observatory\'s survey telescope, it said.',
      '"It is the first comet ever found from Veradan, and it will pass closest to the Sun in April," observatory director Selin Arvo said.',
    ],
  },
  {
    agency: 'afp',
    story: 'comet',
    language: 'en',
    headline: 'Veradan observatory finds its first comet',
    place: 'Tamsar',
    subjects: ['Science', 'Astronomy'],
    minutesAgo: 480,
    url: A('tamsar-comet'),
    paragraphs: [
      'Astronomers at the Tamsar Observatory have discovered a new comet, the first ever found from Veradan, the observatory said.',
      '"It is the first comet ever found from Veradan, and it will pass closest to the Sun in April," observatory director Selin Arvo told AFP.',
      'The comet, named C/2026 T1 (Tamsar), should be visible through binoculars in the spring, she said. The observatory\'s survey telescope found it in images taken over three nights.',
    ],
  },
  {
    agency: 'tass',
    story: 'comet',
    language: 'ru',
    headline: 'Астрономы обсерватории Тамсар открыли новую комету',
    place: 'Тамсар',
    minutesAgo: 470,
    url: T_RU('kometa-tamsar'),
    paragraphs: [
      'ТАМСАР, (ТАСС). Астрономы обсерватории Тамсар в Верадане открыли новую комету, получившую обозначение C/2026 T1 (Tamsar), сообщили в обсерватории.',
      '«Это первая комета, открытая в Верадане, и в апреле она подойдёт ближе всего к Солнцу», — сказала директор обсерватории Селин Арво.',
      'Весной комету можно будет увидеть в бинокль.',
    ],
  },

  // ------------------------------------------------ stories told by one agency only
  {
    agency: 'reuters',
    story: 'buyback',
    language: 'en',
    headline: 'Caspo Energy to buy back up to $300 million of its shares',
    byline: 'Reuters staff',
    place: 'Sarvan',
    subjects: ['Company news', 'Energy'],
    minutesAgo: 240,
    url: R('business/caspo-buyback'),
    paragraphs: [
      'SARVAN, Veradan (Reuters) - Caspo Energy, Veradan\'s largest gas producer, said it would buy back up to $300 million of its shares over the next twelve months after a rise in export earnings.',
      'The company\'s shares rose 3.4% on the Sarvan stock exchange after the announcement, their biggest gain in two months.',
      'Chief financial officer Oren Malik told analysts the buyback would be paid for from cash and would not delay the company\'s offshore drilling programme.',
    ],
  },
  {
    agency: 'tass',
    story: 'metro',
    language: 'en',
    headline: 'Sarvan metro opens three new stations on its Green Line',
    place: 'Sarvan',
    minutesAgo: 360,
    url: T('sarvan-metro'),
    paragraphs: [
      'SARVAN, /TASS/. Three new stations of the Sarvan metro\'s Green Line have opened to passengers, extending the line by 6.5 kilometres to the city\'s northern districts.',
      'The city transport department expects the extension to carry about 90,000 passengers a day.',
      'The Green Line will reach the airport in two years, the department said.',
    ],
  },
  {
    agency: 'afp',
    story: 'mayor',
    language: 'en',
    headline: 'Port Velmar mayor to step down, aides say',
    place: 'Port Velmar',
    urgency: 3,
    subjects: ['Politics'],
    minutesAgo: 150,
    url: A('port-velmar-mayor'),
    paragraphs: [
      'The mayor of Port Velmar, Veradan\'s second city, intends to step down before the municipal elections in March, two aides told AFP on condition of anonymity.',
      'The mayor narrowly survived a confidence vote over delays to the city\'s tram line last month.',
    ],
  },
  {
    agency: 'afp',
    story: 'mayor',
    language: 'en',
    headline: 'KILL - Port Velmar mayor to step down, aides say',
    place: 'Port Velmar',
    urgency: 1,
    subjects: ['Politics'],
    minutesAgo: 100,
    version: 2,
    status: 'canceled',
    url: A('port-velmar-mayor'),
    paragraphs: [
      'KILL. The story headlined "Port Velmar mayor to step down, aides say" is withdrawn. The mayor\'s office has denied it. No replacement story will be sent.',
    ],
  },
  {
    agency: 'anadolu',
    story: 'gdp',
    language: 'en',
    headline: 'Veradan economy grows 4.1 percent in third quarter',
    byline: 'Ayla Demirkan',
    place: 'Sarvan',
    urgency: 2,
    subjects: ['Economy'],
    minutesAgo: 20,
    embargoMinutes: 180,
    url: AA('veradan-gdp'),
    paragraphs: [
      'Veradan\'s economy grew 4.1 percent year on year in the third quarter, driven by gas exports and construction, the State Statistics Committee said.',
      'Growth slowed from 4.6 percent in the second quarter, as farm output fell after a dry summer.',
      'The committee will publish a detailed breakdown next month.',
    ],
  },
  {
    agency: 'tass',
    story: 'festival',
    language: 'ru',
    headline: 'В Сарване открылся фестиваль уличного театра',
    place: 'Сарван',
    minutesAgo: 600,
    url: T_RU('festival-sarvan'),
    paragraphs: [
      'САРВАН, (ТАСС). В столице Верадана открылся десятый фестиваль уличного театра: за пять дней на площадях и в парках города выступят 40 трупп из восьми стран.',
      'Все спектакли бесплатны для зрителей, сообщили организаторы.',
    ],
  },
];
