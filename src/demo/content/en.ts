import type { DemoArticle } from '../demo-content.js';

/**
 * English demo articles. Everything in them is invented: the Republic of Veradan, its cities,
 * people, ministries, companies, clubs and festivals. Real news agencies appear only as cited
 * sources, and every source URL is an illustrative path that does not exist.
 */
export const EN_ARTICLES: DemoArticle[] = [
  // ---------------------------------------------------------------- world
  {
    slug: 'caspian-neighbours-agree-shipping-safety-code',
    section: 'world',
    headline: 'Caspian neighbours agree joint shipping safety code at Port Velmar summit',
    standfirst:
      "Veradan, Orsava and Belkara signed common rules for tankers and ferries, the first binding agreement in the Caspian Coastal Forum's eleven-year history.",
    dateline: 'Port Velmar',
    daysAgo: 0,
    hour: 9,
    updatedHoursLater: 5,
    authors: ['mira-talbot'],
    tags: [
      { type: 'person', name: 'Aydan Korveli' },
      { type: 'place', name: 'Port Velmar' },
      { type: 'place', name: 'Orsava' },
      { type: 'place', name: 'Belkara' },
      { type: 'organisation', name: 'Caspian Coastal Forum' },
      { type: 'topic', name: 'Shipping' },
    ],
    sources: [
      { publication: 'reuters', url: 'https://www.reuters.com/world/example-invented-story-caspian-shipping-code/' },
      { publication: 'afp' },
    ],
    body: [
      {
        before: 'The foreign ministers of Veradan, Orsava and Belkara signed a joint shipping safety code in Port Velmar on the opening morning of the Caspian Coastal Forum,',
        after: '. The agreement commits the three fleets to common inspection rules, shared distress frequencies and a single system for reporting oil spills.',
      },
      {
        p: 'It is the first binding document adopted by the forum since it was founded eleven years ago as a loose annual meeting of coastal states. Earlier summits ended with declarations that carried no obligations, and several were cut short by disputes over fishing rights.',
      },
      {
        quote:
          "For a decade we have talked about the sea as if it belonged to each of us separately. Today we have agreed that a ship in trouble is everyone's problem.",
        speaker: 'Aydan Korveli',
        role: 'Foreign Minister of Veradan',
      },
      {
        p: 'Under the code, any tanker of more than 5,000 tonnes entering the waters of a signatory state can be inspected by port officials of any of the three countries. Inspectors will share their findings through a joint register hosted by the Velmar Port Authority.',
      },
      { h2: 'A fund for spills' },
      {
        p: 'Delegates said the most difficult chapter concerned oil spills. Orsava had pushed for each state to clean up its own coastline, while Belkara wanted costs to fall on the flag state of the ship responsible. The final text creates a common response fund to which all three will contribute.',
      },
      {
        p: "Orsava's foreign minister, Pavel Ostrin, called the fund <q>modest but real</q> and said his government would propose doubling it at next year's meeting. The Belkaran delegation did not comment after the signing.",
      },
      {
        p: 'Environmental groups in Port Velmar welcomed the agreement but warned that it would mean little without more inspectors. The forum continues with talks on fishing quotas and a proposed rail ferry corridor, which are expected to run into the evening.',
      },
    ],
    image: {
      alt: 'Illustration of three ships on a calm sea at dawn in pale blue and gold',
      caption: 'The code sets common inspection rules for tankers and ferries in the waters of the three signatory states.',
      credit: 'Illustration: Dateline demo',
      hue: 205,
    },
    top: true,
    translationKey: 'coastal-forum-summit',
  },
  {
    slug: 'orsava-reopens-dunel-border-crossing',
    section: 'world',
    headline: 'Orsava reopens Dunel border crossing after seven-month closure',
    standfirst:
      'Lorries began moving through the main road crossing between Veradan and Orsava, ending a closure that stranded freight and divided families on both sides.',
    dateline: 'Dunel',
    daysAgo: 3,
    hour: 14,
    authors: ['mira-talbot'],
    tags: [
      { type: 'place', name: 'Orsava' },
      { type: 'place', name: 'Dunel' },
      { type: 'person', name: 'Aydan Korveli' },
      { type: 'topic', name: 'Trade' },
      { type: 'topic', name: 'Border crossings' },
    ],
    sources: [{ kind: 'foreign_media' }],
    body: [
      {
        before: 'The main road crossing between Veradan and Orsava reopened at Dunel early in the morning, and by midday a queue of lorries stretched more than six kilometres back towards the town,',
        after: '. Orsavan officials closed the crossing seven months ago, saying its customs hall had to be rebuilt.',
      },
      {
        p: 'Media reports in Orsava said the reconstruction had finished several weeks before the reopening, and that the delay reflected a dispute over transit fees. Neither government has confirmed that account.',
      },
      {
        quote:
          'We have been sleeping in our cabs for three days. Nobody told us anything until the barrier went up this morning.',
        speaker: 'Selim Karadov',
        role: 'Lorry driver from Sarvan',
      },
      {
        p: "Before the closure, about 900 lorries a day passed through Dunel, carrying mostly grain, building materials and fruit. Exporters in Veradan's southern provinces say they lost much of the autumn season, and some switched to the longer ferry route through Port Velmar.",
      },
      {
        p: 'Foreign Minister Aydan Korveli said the reopening followed months of quiet work between the two foreign ministries. He gave no details of any agreement on fees, and said only that both sides had an interest in keeping goods moving.',
      },
      {
        p: 'Families from the villages along the border were among the first to cross on foot. A pedestrian lane, closed since the spring, is due to reopen next week once new passport scanners have been tested.',
      },
      {
        quote:
          'A border is not only for trucks. My sister lives four kilometres away and I have not seen her since the spring.',
        speaker: 'Nurana Talish',
        role: 'Resident of Dunel',
      },
    ],
    image: {
      alt: 'Illustration of a long road crossing open steppe under a wide amber sky',
      caption: 'About 900 lorries a day used the Dunel crossing before it was closed.',
      credit: 'Illustration: Dateline demo',
      hue: 32,
    },
  },
  {
    slug: 'rail-ferry-trial-links-port-velmar-and-belkara',
    section: 'world',
    headline: 'Rail ferry trial links Port Velmar and Belkara in fourteen hours',
    standfirst:
      'A converted ferry carried 24 freight wagons across the Caspian on a test voyage that both governments hope will become a weekly service by spring.',
    dateline: 'Port Velmar',
    daysAgo: 8,
    hour: 11,
    authors: ['mira-talbot', 'ravil-sadiqov'],
    tags: [
      { type: 'place', name: 'Port Velmar' },
      { type: 'place', name: 'Belkara' },
      { type: 'person', name: 'Aydan Korveli' },
      { type: 'organisation', name: 'Velmar Port Authority' },
      { type: 'topic', name: 'Shipping' },
      { type: 'topic', name: 'Trade' },
    ],
    sources: [{ publication: 'reuters' }, { publication: 'xinhua' }, { publication: 'anadolu' }],
    body: [
      {
        before: 'A rail ferry carrying 24 freight wagons docked at Port Velmar after a fourteen-hour crossing from the Belkaran port of Temirhal, completing the first trial of a route that the two countries hope will link their railways,',
        after: '. The vessel, the Sabra, was converted from a passenger ferry at a shipyard in Kestrel Bay.',
      },
      {
        p: 'The wagons carried cotton, machine parts and bottled mineral water. Port officials said unloading took just under three hours, about half the time expected, because the new rail spur on the North Quay was already in use.',
      },
      {
        quote:
          'The crossing itself was the easy part. What we were testing is whether the paperwork can move as fast as the wagons.',
        speaker: 'Gulnara Sefer',
        role: 'Director of operations, Velmar Port Authority',
      },
      {
        p: 'Until now, freight between the two countries has been loaded onto lorries and carried on ordinary ferries, or sent on a rail journey of more than 3,000 kilometres around the sea. Shippers say the rail ferry could cut costs by a quarter for bulk goods.',
      },
      {
        p: 'Customs officers from both countries travelled on board and cleared the cargo during the voyage, an arrangement that will need to be written into a formal agreement before regular sailings begin. Foreign Minister Aydan Korveli, who met the ship on the quay, said a draft would be ready for the next meeting of the Caspian Coastal Forum.',
      },
      {
        p: "Belkara's transport ministry said in a statement that it planned a second trial with refrigerated wagons next month. The Sabra can carry up to 36 wagons, and a sister ship is being converted.",
      },
      {
        p: 'Not everyone is convinced. Daud Ismaren, who heads the Veradan Freight Forwarders Association, said a weekly ferry would not move the volumes that lorries do, and that winter storms could disrupt the timetable.',
      },
    ],
    image: {
      alt: 'Illustration of a ferry crossing open water towards a line of cranes in teal and grey',
      caption: 'The Sabra can carry up to 36 freight wagons on the crossing from Temirhal.',
      credit: 'Illustration: Dateline demo',
      hue: 180,
    },
  },
  {
    slug: 'veradan-sends-rescue-team-after-tavrin-earthquake',
    section: 'world',
    headline: 'Veradan sends rescue team to Orsava after Tavrin earthquake',
    standfirst:
      'Sixty rescuers and four search dogs flew from Sarvan to the mountain province, where a magnitude 6.1 earthquake damaged hundreds of homes.',
    daysAgo: 14,
    hour: 7,
    authors: ['mira-talbot'],
    tags: [
      { type: 'place', name: 'Orsava' },
      { type: 'place', name: 'Sarvan' },
      { type: 'person', name: 'Aydan Korveli' },
      { type: 'organisation', name: 'National Rescue Service' },
      { type: 'topic', name: 'Earthquakes' },
    ],
    sources: [{ publication: 'ap', url: 'https://apnews.com/article/example-invented-story-tavrin-earthquake' }],
    body: [
      {
        p: "A team of sixty rescuers from Veradan's National Rescue Service left Sarvan on a military transport plane early in the morning, hours after a magnitude 6.1 earthquake struck Tavrin province in neighbouring Orsava. The team is taking four search dogs, cutting equipment and a field kitchen.",
      },
      {
        p: 'Orsavan authorities said at least 14 people had died and more than 200 were injured, with the heaviest damage in villages along the Tavrin valley. Many houses in the area are built of stone and mud brick, which collapse easily in strong tremors.',
      },
      {
        quote:
          'Our people know these mountains and this kind of building. The first seventy-two hours matter most, so we are going now and will ask questions later.',
        speaker: 'Colonel Anvar Teshel',
        role: 'Head of the National Rescue Service',
      },
      {
        p: "The tremor was felt in Veradan's northern towns, including Halvek, where residents reported cracked walls but no injuries. The national seismic centre recorded eleven aftershocks in the first six hours.",
      },
      {
        p: 'Foreign Minister Aydan Korveli spoke to his Orsavan counterpart by telephone and offered further help, including tents and medical supplies. Relations between the two countries have been strained this year by the closure of the Dunel border crossing.',
      },
      {
        p: "Aid workers warned that night-time temperatures in the valley fall below freezing at this time of year. Orsava's emergencies ministry has asked neighbouring states for winter tents and heaters.",
      },
    ],
    corrections: [
      {
        hoursLater: 9,
        text: 'An earlier version of this article said the rescue team numbered 40. It numbers 60 rescuers.',
      },
    ],
    image: {
      alt: 'Illustration of folded mountain ridges under a low grey sky with a faint red glow',
      caption: 'The heaviest damage was in villages along the Tavrin valley.',
      credit: 'Illustration: Dateline demo',
      hue: 8,
    },
  },
  {
    slug: 'coastal-states-extend-sturgeon-fishing-ban',
    section: 'world',
    headline: 'Coastal states extend sturgeon fishing ban for five more years',
    standfirst:
      'Fisheries officials meeting in Kestrel Bay kept the moratorium on wild sturgeon catches, despite pressure from fishing communities on the eastern shore.',
    dateline: 'Kestrel Bay',
    daysAgo: 21,
    hour: 16,
    authors: ['mira-talbot'],
    tags: [
      { type: 'place', name: 'Kestrel Bay' },
      { type: 'place', name: 'Belkara' },
      { type: 'organisation', name: 'Caspian Coastal Forum' },
      { type: 'organisation', name: 'Aldmoor University' },
      { type: 'topic', name: 'Fisheries' },
      { type: 'topic', name: 'Environment' },
    ],
    sources: [],
    body: [
      {
        p: 'Fisheries officials from Veradan, Orsava and Belkara agreed in Kestrel Bay to extend the ban on commercial catches of wild sturgeon for five more years. The moratorium, first introduced under the Caspian Coastal Forum, was due to expire at the end of this year.',
      },
      {
        p: 'Scientists presented survey data showing that young sturgeon are returning to the mouths of several rivers, but in numbers still far below those recorded a generation ago. Delegates said lifting the ban now would risk undoing a decade of slow recovery.',
      },
      {
        quote:
          'The fish are coming back, slowly. If we open the sea now, we will be counting the last of them within a few years.',
        speaker: 'Dr Samir Odell',
        role: 'Fisheries scientist, Aldmoor University',
      },
      {
        p: "Fishing communities on Belkara's eastern shore had lobbied for a limited quota, arguing that illegal fishing continues regardless and that legal catches would at least be monitored. Belkara's delegation voted for the extension but asked for its objections to be recorded.",
      },
      { h2: 'More patrols against poaching' },
      {
        p: "All three states agreed to increase patrols during the spring spawning season and to share the registration details of boats caught fishing illegally. Veradan's coastguard says it seized 11 tonnes of sturgeon and caviar last year, most of it near the Orlen Lagoon.",
      },
      {
        p: 'Sturgeon farms, which supply most of the caviar sold legally in the region, are not affected by the ban. Several farm owners attended the meeting as observers and said they supported the extension.',
      },
    ],
    image: {
      alt: 'Illustration of a shallow river mouth meeting the sea in muted greens',
      caption: 'Young sturgeon are returning to several river mouths, but in small numbers.',
      credit: 'Illustration: Dateline demo',
      hue: 150,
    },
  },
  // ---------------------------------------------------------------- politics
  {
    slug: 'national-assembly-passes-budget-after-all-night-session',
    section: 'politics',
    headline: 'National Assembly passes budget after all-night session as opposition walks out',
    standfirst:
      "The government's spending plan for next year cleared parliament by 84 votes to 31, with more money for roads and schools and a smaller deficit than this year.",
    dateline: 'Sarvan',
    daysAgo: 1,
    hour: 8,
    updatedHoursLater: 3,
    authors: ['leyla-hamidova'],
    tags: [
      { type: 'organisation', name: 'National Assembly' },
      { type: 'person', name: 'Halima Ardan' },
      { type: 'person', name: 'Tariq Mensov' },
      { type: 'person', name: 'Rustam Dervani' },
      { type: 'place', name: 'Sarvan' },
      { type: 'topic', name: 'Economy' },
    ],
    sources: [],
    body: [
      {
        p: "Veradan's National Assembly approved the government's budget for next year shortly after six o'clock in the morning, ending a session that began the previous afternoon and ran through the night. The bill passed by 84 votes to 31, after deputies of the opposition Civic Renewal Party left the chamber.",
      },
      {
        p: 'The budget sets spending at 41.2 billion kerals, 6 per cent more than this year, and forecasts a deficit of 2.1 per cent of economic output, down from 2.8 per cent. The largest increases go to road building, school repairs and the health service, and 900 million kerals is set aside for connecting new wind and solar plants to the grid, a priority of Energy Minister Rustam Dervani.',
      },
      {
        quote:
          'This is a budget that builds things people can see: roads, classrooms, clinics. It also pays for the everyday running of the state without leaning on oil money, which no budget has done before.',
        speaker: 'Halima Ardan',
        role: 'Prime Minister',
      },
      {
        p: "Prime Minister Halima Ardan followed the final hours of the debate from the government benches and shook hands with the chairman of the finance committee after the vote. Her coalition holds 88 of the assembly's 125 seats.",
      },
      { h2: 'Opposition walkout' },
      {
        p: "The walkout came after the speaker refused to allow a vote on an amendment that would have frozen utility prices for pensioners. Civic Renewal's leader, Tariq Mensov, called the decision <q>a door closed in the faces of the poorest people in the country</q>.",
      },
      {
        p: "Government deputies said the amendment would have cost more than 600 million kerals and had been tabled too late to be costed properly. The speaker's office said the correct procedure had been followed.",
      },
      {
        p: 'The budget now goes to the president, who is expected to sign it within two weeks. The constitution allows the head of state to return a bill to parliament once, but no president has done so in more than fifteen years.',
      },
    ],
    image: {
      alt: 'Illustration of a domed building against a pale morning sky in soft violet',
      caption: 'The session began in the afternoon and ended after six in the morning.',
      credit: 'Illustration: Dateline demo',
      hue: 265,
    },
    top: true,
    translationKey: 'budget-vote',
  },
  {
    slug: 'prime-minister-ardan-reshuffles-cabinet',
    section: 'politics',
    headline: 'Prime Minister Ardan reshuffles cabinet and keeps Dervani at energy',
    standfirst:
      'Four ministers were replaced in the biggest change to the government since the coalition took office two years ago.',
    daysAgo: 4,
    hour: 19,
    updatedHoursLater: 4,
    authors: ['leyla-hamidova'],
    tags: [
      { type: 'person', name: 'Halima Ardan' },
      { type: 'person', name: 'Rustam Dervani' },
      { type: 'person', name: 'Tariq Mensov' },
      { type: 'organisation', name: 'Caspo Energy' },
      { type: 'topic', name: 'Energy' },
      { type: 'topic', name: 'Government' },
    ],
    sources: [{ publication: 'tass' }],
    body: [
      {
        p: 'Prime Minister Halima Ardan replaced four members of her cabinet in the evening, the largest reshuffle since her coalition took office two years ago. The ministers of health, transport, education and agriculture were replaced, while the energy, finance and foreign ministers kept their posts.',
      },
      {
        p: "The new transport minister is Idris Kalander, until now the deputy mayor of Port Velmar, where he oversaw the city's delayed tram project. Health goes to Dr Sevda Roshan, a paediatrician who ran Sarvan's largest children's hospital for nine years.",
      },
      {
        quote:
          'A government is not a monument. After two years it is right to bring in people who have run hospitals and cities, not only departments.',
        speaker: 'Halima Ardan',
        role: 'Prime Minister',
      },
      {
        p: 'Energy Minister Rustam Dervani, whose position had been the subject of speculation after delays at the Halvek wind project, stays in post. Officials close to the prime minister said she regarded him as essential to negotiations with Caspo Energy over domestic gas prices.',
      },
      {
        p: 'The outgoing agriculture minister, Farrukh Aliyel, had been criticised by farmers over late payment of drought compensation in the summer. In a brief statement he said he was <q>proud of the work done and ready to serve in other ways</q>.',
      },
      {
        p: 'Opposition leader Tariq Mensov said the reshuffle changed faces but not policies. The new ministers are due to be sworn in at the presidential palace in Sarvan within days.',
      },
    ],
    image: {
      alt: 'Illustration of a long table beneath tall windows in warm ochre light',
      caption: 'The energy, finance and foreign ministers keep their posts.',
      credit: 'Illustration: Dateline demo',
      hue: 40,
    },
  },
  {
    slug: 'civic-renewal-rally-in-aldmoor-opens-municipal-campaign',
    section: 'politics',
    headline: 'Thousands rally in Aldmoor as Civic Renewal opens municipal campaign',
    standfirst:
      "The opposition party chose the university city for its first big rally before spring's local elections, promising cheaper public transport and an audit of city contracts.",
    dateline: 'Aldmoor',
    daysAgo: 6,
    hour: 20,
    authors: ['leyla-hamidova'],
    tags: [
      { type: 'person', name: 'Tariq Mensov' },
      { type: 'organisation', name: 'Civic Renewal Party' },
      { type: 'place', name: 'Aldmoor' },
      { type: 'topic', name: 'Elections' },
    ],
    sources: [{ kind: 'local_media' }],
    body: [
      {
        p: "Several thousand people gathered on Aldmoor's Lantern Square for the opposition Civic Renewal Party's first large rally of the municipal election campaign. Local media put the crowd at between 6,000 and 8,000, which would make it the biggest opposition gathering in the city in a decade.",
      },
      {
        p: 'Party leader Tariq Mensov spoke for forty minutes from a stage in front of the old town hall. He promised free buses for students and pensioners in every city the party wins, and an independent audit of municipal building contracts.',
      },
      {
        quote:
          'They tell you there is no money for buses. Then ask them where the money for the new town hall car park went, and why it cost three times the estimate.',
        speaker: 'Tariq Mensov',
        role: 'Leader of the Civic Renewal Party',
      },
      {
        p: 'Aldmoor, home to Aldmoor University and about 40,000 students, has had a mayor from the governing coalition for twelve years. Civic Renewal came within 800 votes of winning the city at the last election.',
      },
      {
        p: "Coalition officials dismissed the event as <q>a student party with a microphone</q> and said the city's accounts were checked every year by the state audit chamber. The mayor, Ruslan Vedder, did not comment.",
      },
      {
        quote:
          'I came because of the buses, honestly. I spend a fifth of my stipend just getting to lectures.',
        speaker: 'Kamila Orbay',
        role: 'Engineering student at Aldmoor University',
      },
      {
        p: "Police said the rally passed off peacefully. Municipal elections in all 62 of Veradan's cities and districts will be held on March 14.",
      },
    ],
    image: {
      alt: 'Illustration of a crowded square at night under strings of warm lights',
      caption: 'Local media estimated the crowd on Lantern Square at 6,000 to 8,000 people.',
      credit: 'Illustration: Dateline demo',
      hue: 20,
    },
  },
  {
    slug: 'municipal-elections-set-for-march-with-postal-voting',
    section: 'politics',
    headline: 'Municipal elections set for March 14, with postal voting for the first time',
    standfirst:
      'The Central Electoral Commission confirmed the date and said voters abroad and those in hospital will be able to vote by post.',
    daysAgo: 11,
    hour: 10,
    authors: ['leyla-hamidova'],
    tags: [
      { type: 'organisation', name: 'Central Electoral Commission' },
      { type: 'organisation', name: 'National Assembly' },
      { type: 'organisation', name: 'Civic Renewal Party' },
      { type: 'topic', name: 'Elections' },
    ],
    sources: [],
    body: [
      {
        p: "Veradan's municipal elections will be held on March 14, the Central Electoral Commission announced, and for the first time voters will be able to cast their ballots by post. The commission said postal voting would be open to citizens living abroad, patients in hospital and people with disabilities who cannot reach a polling station.",
      },
      {
        p: 'The change follows a law passed by the National Assembly in the summer with the support of both the governing coalition and the opposition. An estimated 300,000 Veradan citizens live abroad, many of them seasonal workers in neighbouring countries.',
      },
      {
        quote:
          'Every vote that arrives by post will be logged, tracked and counted in public. We have no intention of giving anyone a reason to doubt the result.',
        speaker: 'Zarina Kaldy',
        role: 'Chair of the Central Electoral Commission',
      },
      {
        p: 'Observer groups welcomed the reform but asked how postal ballots would be stored between their arrival and the count. The commission said they would be kept in sealed boxes at regional offices under video surveillance.',
      },
      {
        p: "The opposition Civic Renewal Party said it would train 5,000 volunteers to watch the counting of postal votes. <q>We voted for this law, and we intend to make sure it works</q>, said the party's deputy chair, Lamiya Farhad.",
      },
      {
        p: 'Candidates have until January 20 to register. Mayors and councils will be elected in all 62 cities and districts, with a second round two weeks later in any mayoral race where no candidate wins more than half the vote.',
      },
    ],
    image: {
      alt: 'Illustration of envelopes drifting over a patchwork of fields in soft blue',
      caption: 'Postal voting will be open to citizens abroad, hospital patients and people with disabilities.',
      credit: 'Illustration: Dateline demo',
      hue: 220,
    },
  },
  {
    slug: 'port-velmar-mayor-survives-confidence-vote-over-tram-delays',
    section: 'politics',
    headline: 'Port Velmar mayor survives confidence vote over tram delays',
    standfirst:
      'Kamran Beshir held on by two votes after councillors demanded answers on a tram line that is three years late and 40 per cent over budget.',
    dateline: 'Port Velmar',
    daysAgo: 17,
    hour: 18,
    authors: ['leyla-hamidova', 'ravil-sadiqov'],
    tags: [
      { type: 'person', name: 'Kamran Beshir' },
      { type: 'place', name: 'Port Velmar' },
      { type: 'organisation', name: 'Civic Renewal Party' },
      { type: 'topic', name: 'Transport' },
    ],
    sources: [{ publication: 'afp' }, { publication: 'dpa' }],
    body: [
      {
        p: "Kamran Beshir, the mayor of Port Velmar, survived a vote of no confidence in the city council by 26 votes to 24 after a four-hour debate over the city's unfinished tram line. Two councillors from his own coalition voted against him, and one abstained.",
      },
      {
        p: "The 11-kilometre line, meant to link the railway station with the port and the new housing districts of the north shore, was due to open three years ago. Its cost has risen from 310 million kerals to about 435 million, according to the city's own figures.",
      },
      {
        quote:
          'I will not pretend this project has gone well. But stopping now would leave the city with a trench instead of a tram, and that would be the most expensive choice of all.',
        speaker: 'Kamran Beshir',
        role: 'Mayor of Port Velmar',
      },
      {
        p: 'The motion was tabled by councillors from the Civic Renewal Party, who accuse the city of awarding contracts without proper tenders. Beshir said an independent review had found no wrongdoing, although it criticised the way the project had been managed.',
      },
      {
        p: 'Shop owners from Harbour Avenue, which has been partly closed for construction for more than two years, filled the public gallery. Several held home-made signs asking whether the city would ever finish the work.',
      },
      {
        p: 'The mayor promised that the first section, from the station to the ferry terminal, would carry passengers by the end of next summer. Council rules mean another confidence motion cannot be tabled for six months.',
      },
    ],
    corrections: [
      {
        hoursLater: 20,
        text: 'An earlier version of this article gave the result of the vote as 27 to 22. The motion was defeated by 26 votes to 24.',
      },
    ],
    image: {
      alt: 'Illustration of tram rails curving through an empty street in dusky rose tones',
      caption: 'The tram line was due to open three years ago.',
      credit: 'Illustration: Dateline demo',
      hue: 340,
    },
  },
  // ---------------------------------------------------------------- business
  {
    slug: 'port-velmar-opens-north-quay-container-terminal',
    section: 'business',
    headline: 'Port Velmar opens North Quay container terminal, doubling capacity',
    standfirst:
      'The new terminal, built around a 420-metre pier, can take ships twice the size of those that used the old docks and is expected to bring 1,200 jobs.',
    dateline: 'Port Velmar',
    daysAgo: 0,
    hour: 12,
    authors: ['ravil-sadiqov'],
    tags: [
      { type: 'place', name: 'Port Velmar' },
      { type: 'organisation', name: 'Velmar Port Authority' },
      { type: 'person', name: 'Kamran Beshir' },
      { type: 'topic', name: 'Shipping' },
      { type: 'topic', name: 'Trade' },
    ],
    sources: [
      {
        publication: 'reuters',
        url: 'https://www.reuters.com/business/example-invented-story-port-velmar-north-quay/',
      },
    ],
    body: [
      {
        p: "The Velmar Port Authority opened its North Quay container terminal, doubling the port's capacity to about 800,000 containers a year. The first ship to berth at the new 420-metre pier, the feeder vessel Azure Lark, arrived shortly after dawn carrying 1,100 containers from Belkara.",
      },
      {
        p: 'The terminal cost 1.9 billion kerals and took four years to build, partly on land reclaimed from the sea. Its cranes can reach across ships up to 20 containers wide, compared with 13 at the old docks in the city centre.',
      },
      {
        quote:
          'For thirty years the length of our quay decided which ships could come to Port Velmar. From today, that is no longer the question.',
        speaker: 'Timur Albakov',
        role: 'Chief executive, Velmar Port Authority',
      },
      {
        p: "The port authority expects the terminal to create about 1,200 permanent jobs, most of them in logistics and warehousing. The city's mayor, Kamran Beshir, said it would help Port Velmar compete with larger ports across the sea for transit cargo between Asia and Europe.",
      },
      {
        p: 'Shipping companies welcomed the extra space, but some warned that roads and rail lines leading inland had not kept pace. <q>A bigger door is only useful if the corridor behind it is wide enough</q>, said Nadira Kamp, who runs a freight forwarding firm in the city.',
      },
      {
        p: 'The old city-centre docks will continue to handle ferries and bulk grain for now. The city plans to redevelop part of the site as a waterfront district over the next decade.',
      },
    ],
    corrections: [
      {
        hoursLater: 3,
        text: 'An earlier version of this article misstated the length of the new pier. It is 420 metres, not 240.',
      },
    ],
    image: {
      alt: 'Illustration of a harbour at dusk in blue tones, with tall cranes against the sky',
      caption: 'The North Quay terminal doubles the capacity of Port Velmar.',
      credit: 'Illustration: Dateline demo',
      hue: 212,
    },
    top: true,
    translationKey: 'port-terminal',
  },
  {
    slug: 'caspo-energy-profit-rises-on-gas-exports',
    section: 'business',
    headline: 'Caspo Energy profit rises 18 per cent on higher gas exports',
    standfirst:
      'The state-controlled energy company said new sales to Belkara and rising output from the Dunmar field lifted quarterly earnings.',
    daysAgo: 2,
    hour: 15,
    updatedHoursLater: 7,
    authors: ['ravil-sadiqov'],
    tags: [
      { type: 'organisation', name: 'Caspo Energy' },
      { type: 'person', name: 'Rustam Dervani' },
      { type: 'place', name: 'Dunmar' },
      { type: 'topic', name: 'Energy' },
      { type: 'topic', name: 'Economy' },
    ],
    sources: [
      { publication: 'reuters' },
      { publication: 'dpa', url: 'https://www.dpa.com/en/example-invented-story-caspo-energy-results' },
    ],
    body: [
      {
        p: "Caspo Energy, Veradan's state-controlled oil and gas company, reported an 18 per cent rise in quarterly profit to 1.4 billion kerals, helped by higher gas exports and new output from the Dunmar field. Revenue rose 11 per cent to 6.3 billion kerals.",
      },
      {
        p: "Gas sales to Belkara under a contract signed last year accounted for most of the increase. Oil production was flat, with the company's ageing offshore platforms near Kestrel Bay producing slightly less than a year earlier.",
      },
      {
        quote:
          'We are becoming a gas company that also produces oil, not the other way round. That is where the market is going, and we would rather lead than follow.',
        speaker: 'Elmira Vandeker',
        role: 'Chief executive, Caspo Energy',
      },
      {
        p: 'Energy Minister Rustam Dervani said the government would use its share of the higher dividend to help pay for grid connections for new wind and solar projects. The state owns 74 per cent of the company, and the rest is traded on the Sarvan stock exchange.',
      },
      {
        p: 'Caspo shares rose 3.2 per cent in Sarvan after the results, their biggest one-day gain in two months. Analysts said the figures were stronger than expected but warned that gas prices in the region had begun to fall.',
      },
      {
        p: 'The company also confirmed it was in talks with the government over the price at which it sells gas to domestic power stations, which the state sets below export levels. Dervani has said a new pricing formula will be agreed <strong>before the end of the year</strong>.',
      },
    ],
    image: {
      alt: 'Illustration of a gas flare glowing over a flat horizon in orange and slate',
      caption: 'Output from the Dunmar field helped lift quarterly earnings.',
      credit: 'Illustration: Dateline demo',
      hue: 25,
    },
  },
  {
    slug: 'national-bank-holds-key-rate-at-9-5-per-cent',
    section: 'business',
    headline: 'National Bank holds key rate at 9.5 per cent as inflation eases',
    standfirst:
      'Governor Lale Ostrova said the bank would wait for clearer signs that price growth is slowing before cutting borrowing costs.',
    daysAgo: 5,
    hour: 13,
    authors: ['ravil-sadiqov'],
    tags: [
      { type: 'person', name: 'Lale Ostrova' },
      { type: 'organisation', name: 'National Bank of Veradan' },
      { type: 'place', name: 'Sarvan' },
      { type: 'topic', name: 'Economy' },
      { type: 'topic', name: 'Inflation' },
    ],
    sources: [],
    body: [
      {
        p: "The National Bank of Veradan left its key interest rate unchanged at 9.5 per cent for the third meeting in a row. Annual inflation slowed to 6.8 per cent last month from 7.4 per cent, but remains well above the bank's target of 4 per cent.",
      },
      {
        p: 'Most economists had expected the decision, although a minority had forecast a cut of a quarter of a percentage point. The keral was little changed against the dollar after the announcement.',
      },
      {
        quote:
          'Inflation is moving in the right direction, but it has not arrived. Cutting too early would cost us more than waiting a few months.',
        speaker: 'Lale Ostrova',
        role: 'Governor, National Bank of Veradan',
      },
      {
        p: 'Governor Lale Ostrova said food prices had fallen after a good harvest, while the cost of services, particularly rents in Sarvan and Port Velmar, was still rising quickly. She said the bank would consider a cut at its next meeting if that trend changed.',
      },
      {
        p: 'Business groups have been urging the bank to cut rates, arguing that high borrowing costs are holding back investment. The Chamber of Commerce said in a statement that small firms were paying <em>15 per cent or more</em> on loans.',
      },
      {
        p: 'The government has avoided public criticism of the bank. Finance ministry officials said they respected its independence and expected inflation to fall further next year.',
      },
    ],
    image: {
      alt: 'Illustration of a stone facade with tall columns in cool grey-green light',
      caption: 'The rate has been unchanged for three meetings in a row.',
      credit: 'Illustration: Dateline demo',
      hue: 160,
    },
  },
  {
    slug: 'halvek-wind-farm-secures-financing-for-first-phase',
    section: 'business',
    headline: 'Halvek wind farm secures financing for 600-megawatt first phase',
    standfirst:
      'Steppewind Renewables signed loan agreements with a group of lenders, clearing the way for construction on the northern steppe to begin next spring.',
    dateline: 'Halvek',
    daysAgo: 9,
    hour: 10,
    authors: ['ravil-sadiqov'],
    tags: [
      { type: 'place', name: 'Halvek' },
      { type: 'organisation', name: 'Steppewind Renewables' },
      { type: 'organisation', name: 'Ministry of Energy' },
      { type: 'person', name: 'Rustam Dervani' },
      { type: 'topic', name: 'Energy' },
      { type: 'topic', name: 'Climate' },
    ],
    sources: [{ publication: 'xinhua' }],
    body: [
      {
        p: 'Steppewind Renewables has signed loan agreements worth 1.1 billion kerals to build the first phase of its wind farm on the steppe near Halvek, the largest renewable energy project yet planned in Veradan. The first phase will have 100 turbines with a combined capacity of 600 megawatts.',
      },
      {
        p: 'The loans come from five lenders, including two regional development banks and a fund backed by investors from across the sea. The company said construction would begin in the spring, with the first turbines connected to the grid within eighteen months.',
      },
      {
        quote:
          'The wind on the Halvek steppe blows harder and more steadily than almost anywhere in the region. Until now, what we lacked was not wind but money and wires.',
        speaker: 'Arslan Borek',
        role: 'Managing director, Steppewind Renewables',
      },
      {
        p: 'Energy Minister Rustam Dervani attended the signing in Halvek and said the government would build a new 220-kilovolt line to carry the power south to Sarvan. The Ministry of Energy wants renewable sources to provide a fifth of the country\'s electricity within ten years, up from about 4 per cent today.',
      },
      {
        p: "The project was delayed by more than a year by a dispute over land with herders who graze sheep on the steppe. Under a settlement reached in the summer, herders will keep grazing rights between the turbines and receive a share of the project's income.",
      },
      {
        quote:
          'We were told the turbines would frighten the animals. Then we went to see a wind farm in the south, and the sheep were standing right underneath them.',
        speaker: 'Bolat Aryn',
        role: 'Herder near Halvek',
      },
    ],
    image: {
      alt: 'Illustration of wind turbines on an open plain under a bright cyan sky',
      caption: 'The first phase of the Halvek project will have 100 turbines.',
      credit: 'Illustration: Dateline demo',
      hue: 190,
    },
  },
  {
    slug: 'kestrel-shipyards-wins-order-for-four-ice-class-tankers',
    section: 'business',
    headline: 'Kestrel Shipyards wins order for four ice-class tankers',
    standfirst:
      "The contract, the yard's largest in two decades, will keep its 2,300 workers busy for years and bring back apprenticeships.",
    dateline: 'Kestrel Bay',
    daysAgo: 19,
    hour: 9,
    authors: ['ravil-sadiqov'],
    tags: [
      { type: 'place', name: 'Kestrel Bay' },
      { type: 'organisation', name: 'Kestrel Shipyards' },
      { type: 'topic', name: 'Shipping' },
      { type: 'topic', name: 'Jobs' },
    ],
    sources: [{ kind: 'foreign_media' }],
    body: [
      {
        p: 'Kestrel Shipyards has won an order to build four ice-class tankers for a shipping company based across the sea, its largest contract in twenty years. The yard did not disclose the value, but foreign media reports put it at about 480 million dollars.',
      },
      {
        p: 'The tankers, each able to carry 8,000 tonnes of oil products, are designed to work in the northern Caspian, where the sea can freeze for up to four months a year. The first is due to be delivered in three years.',
      },
      {
        quote:
          'Five years ago we were repairing fishing boats to keep the lights on. Now we are building ships that can break ice, and that changes what this yard is.',
        speaker: 'Tofik Sarnay',
        role: 'Chief executive, Kestrel Shipyards',
      },
      {
        p: 'The yard employs 2,300 people, making it the largest private employer in Kestrel Bay. It said it would hire about 400 more workers and reopen its apprenticeship school, which closed nearly a decade ago for lack of orders.',
      },
      {
        p: 'The town\'s mayor called the order the best news Kestrel Bay had received in a generation. Unemployment in the town is about 11 per cent, nearly double the national average.',
      },
      {
        p: 'The shipyard, founded in the 1930s, was sold by the state to a group of local investors twenty years ago and has since struggled to compete with larger yards abroad. Its most recent large job, the conversion of the ferry Sabra to carry rail wagons, was completed this year.',
      },
    ],
    image: {
      alt: 'Illustration of a ship hull in a dry dock under a cold white-blue sky',
      caption: 'The tankers are designed for the frozen northern Caspian.',
      credit: 'Illustration: Dateline demo',
      hue: 198,
    },
  },
  // ---------------------------------------------------------------- science
  {
    slug: 'caspian-seal-pup-numbers-rise-for-third-year',
    section: 'science',
    headline: 'Caspian seal pup numbers rise for the third year, survey finds',
    standfirst:
      'Researchers from Aldmoor University counted almost 14,000 pups on the winter ice, 9 per cent more than a year earlier, but warn that warmer winters could reverse the trend.',
    dateline: 'Kestrel Bay',
    daysAgo: 1,
    hour: 11,
    authors: ['elena-voss'],
    tags: [
      { type: 'person', name: 'Farida Quell' },
      { type: 'organisation', name: 'Aldmoor University' },
      { type: 'place', name: 'Kestrel Bay' },
      { type: 'topic', name: 'Wildlife' },
      { type: 'topic', name: 'Climate' },
    ],
    sources: [],
    body: [
      {
        p: 'The number of Caspian seal pups born on the ice of the northern Caspian rose for a third year in a row, according to a survey published by Aldmoor University. Researchers counted 13,900 pups on aerial photographs taken last winter, 9 per cent more than a year earlier.',
      },
      {
        p: 'The Caspian seal, the only marine mammal in the sea, is listed as endangered. Its numbers are thought to have fallen by more than 90 per cent over the past century because of hunting, pollution and the loss of the winter ice on which females give birth.',
      },
      {
        quote:
          'Three good years are encouraging, but they are not a recovery. A seal mother needs ice that lasts at least six weeks, and we are seeing fewer winters that give her that.',
        speaker: 'Farida Quell',
        role: 'Marine biologist, Aldmoor University',
      },
      {
        p: 'The team, led by Dr Farida Quell, flew survey routes over the ice from a base at Kestrel Bay and used software trained to pick out the white-coated pups against the snow. The method, introduced three years ago, is faster and more accurate than counts made by observers looking out of aircraft windows.',
      },
      { h2: 'Fewer deaths in nets' },
      {
        p: 'The survey also found fewer dead seals washed up on the Veradan coast, which the researchers linked to a ban on the fine nylon nets once used by poachers. Seals caught in such nets drown, and conservation groups had estimated that several thousand died that way each year.',
      },
      {
        p: 'Dr Quell said the next survey would try to count adult seals on islands in the south of the sea during the summer moult. <q>Pups tell us about one year</q>, she said. <q>Adults tell us whether the population can last.</q>',
      },
      {
        p: 'The survey was funded by the Ministry of Environment and a group of private donors. The results have been shared with scientists in Orsava and Belkara, who carry out their own counts on their stretches of ice.',
      },
    ],
    image: {
      alt: 'Illustration of a white ice field meeting dark water under a pale lilac sky',
      caption: 'Seal pups are counted from aerial photographs taken over the winter ice.',
      credit: 'Illustration: Dateline demo',
      hue: 250,
    },
    top: true,
    translationKey: 'seal-survey',
  },
  {
    slug: 'tamsar-observatory-spots-new-near-earth-asteroid',
    section: 'science',
    headline: 'Tamsar Observatory spots new near-Earth asteroid',
    standfirst:
      'The 400-metre object poses no threat, astronomers say, but it is the first of its kind to be discovered by a telescope in Veradan.',
    daysAgo: 7,
    hour: 21,
    authors: ['elena-voss'],
    tags: [
      { type: 'organisation', name: 'Tamsar Observatory' },
      { type: 'organisation', name: 'Aldmoor University' },
      { type: 'place', name: 'Tamsar' },
      { type: 'topic', name: 'Astronomy' },
    ],
    sources: [{ publication: 'ap' }, { publication: 'afp' }],
    body: [
      {
        p: 'Astronomers at the Tamsar Observatory, high in the mountains south of Sarvan, have discovered an asteroid about 400 metres across whose orbit brings it relatively close to Earth. It is the first near-Earth object found by a telescope in Veradan.',
      },
      {
        p: 'The asteroid was spotted on images taken over three nights last month and confirmed by observatories abroad, which tracked it to calculate its orbit. It has been given a provisional catalogue number and will receive a name later.',
      },
      {
        quote:
          'The sky is full of things nobody has looked at closely. We found this one because we were patient, and because the air over Tamsar is very clear in the autumn.',
        speaker: 'Dr Nilufar Ostadi',
        role: 'Director, Tamsar Observatory',
      },
      {
        p: 'Calculations show that the asteroid will pass no closer than 7 million kilometres from Earth over the next century, about 18 times the distance to the Moon. Astronomers classify it as worth monitoring but not hazardous.',
      },
      {
        p: "The observatory's 1.5-metre telescope was fitted two years ago with a new camera paid for jointly by Aldmoor University and the Ministry of Education and Science. Since then it has taken part in an international network that searches the sky for asteroids and comets.",
      },
      {
        p: 'Officials in Tamsar hope the discovery will bring visitors to the town, which is best known for its ski slopes. The observatory plans to open a small visitor centre next summer, with public viewing nights once a month.',
      },
    ],
    image: {
      alt: 'Illustration of a small dome on a mountain ridge beneath a deep indigo starry sky',
      caption: 'The Tamsar Observatory stands high in the mountains south of Sarvan.',
      credit: 'Illustration: Dateline demo',
      hue: 235,
    },
  },
  {
    slug: 'caspian-sea-level-fell-30-centimetres-in-five-years',
    section: 'science',
    headline: 'Caspian sea level has fallen 30 centimetres in five years, study finds',
    standfirst:
      'A study led by Aldmoor University says the drop, driven by hotter summers and weaker river flows, threatens shallow ports and coastal wetlands.',
    dateline: 'Aldmoor',
    daysAgo: 12,
    hour: 9,
    updatedHoursLater: 6,
    authors: ['elena-voss', 'ravil-sadiqov'],
    tags: [
      { type: 'organisation', name: 'Aldmoor University' },
      { type: 'organisation', name: 'Caspian Coastal Forum' },
      { type: 'person', name: 'Farida Quell' },
      { type: 'place', name: 'Port Velmar' },
      { type: 'topic', name: 'Climate' },
      { type: 'topic', name: 'Environment' },
    ],
    sources: [{ publication: 'reuters' }, { publication: 'afp' }, { publication: 'dpa' }],
    body: [
      {
        p: 'The level of the Caspian Sea has fallen by about 30 centimetres over the past five years, according to a study led by researchers at Aldmoor University and published in a peer-reviewed journal. The authors say the decline is faster than at any time since reliable measurements began.',
      },
      {
        p: 'The sea has no outlet to the ocean, so its level depends on the balance between water flowing in from rivers and water lost to evaporation. The study found that hotter summers have increased evaporation, while lower rainfall in the river basins to the north has reduced the inflow.',
      },
      {
        quote:
          'People think of rising seas as the problem of our century. Here we have the opposite problem, and for our coasts it can be just as damaging.',
        speaker: 'Professor Hamid Ransel',
        role: 'Climatologist at Aldmoor University and lead author of the study',
      },
      {
        p: 'The researchers modelled several scenarios and concluded that the sea could drop by a further one to two metres by the end of the century if current trends continue. In the shallow northern part of the sea, that would move the coastline tens of kilometres south.',
      },
      { h2: 'Ports and wetlands' },
      {
        p: 'Port Velmar, which lies in deeper water, is less exposed than smaller harbours, but the study says its approach channels will need more frequent dredging. The Velmar Port Authority said it had already increased its dredging budget and was measuring the water level every month.',
      },
      {
        p: 'Co-author Dr Farida Quell said the Orlen Lagoon, an important wetland for migrating birds and a feeding ground for seals, was at particular risk. Parts of the lagoon could dry out in summer within twenty years, she said.',
      },
      {
        p: 'The findings have been presented to officials from Orsava and Belkara, and the authors are calling for a joint monitoring programme through the Caspian Coastal Forum. <q>The sea does not stop at our borders, and neither can the measurements</q>, Professor Ransel said.',
      },
    ],
    image: {
      alt: 'Illustration of a shoreline with bands of exposed sand and receding water in sandy yellow',
      caption: 'The shallow northern Caspian is most exposed to a falling sea level.',
      credit: 'Illustration: Dateline demo',
      hue: 48,
    },
  },
  {
    slug: 'drought-tolerant-wheat-shows-promise-in-aldmoor-trials',
    section: 'science',
    headline: 'Drought-tolerant wheat shows promise in Aldmoor field trials',
    standfirst:
      'Scientists at the National Agrarian Institute say a new variety bred from old local wheats gave a fifth more grain than standard seed in a dry year.',
    daysAgo: 16,
    hour: 14,
    authors: ['elena-voss'],
    tags: [
      { type: 'place', name: 'Aldmoor' },
      { type: 'organisation', name: 'National Agrarian Institute' },
      { type: 'topic', name: 'Agriculture' },
      { type: 'topic', name: 'Climate' },
    ],
    sources: [{ publication: 'xinhua', url: 'https://english.news.cn/example-invented-story-aldmoor-wheat-trials/' }],
    body: [
      {
        p: "A new wheat variety developed at the National Agrarian Institute in Aldmoor produced about 20 per cent more grain than the most widely sown seed during this year's dry summer, according to trial results published by the institute. The trials were carried out on 40 plots in three provinces.",
      },
      {
        p: 'The variety, known for now by its laboratory name AG-17, was bred by crossing modern high-yielding wheat with old local varieties that farmers in the eastern hills grew for centuries. Those old wheats yield little grain but have deep roots that reach water far below the surface.',
      },
      {
        quote:
          "Our grandfathers' wheat was hardy but poor. Modern wheat is rich but thirsty. We spent eleven years trying to get the best of both into one plant.",
        speaker: 'Dr Aysel Morran',
        role: 'Plant breeder, National Agrarian Institute',
      },
      {
        p: "Rainfall across much of Veradan's grain belt was less than half the normal level between April and August, and the government paid compensation to thousands of farmers whose crops failed. Agriculture accounts for about a tenth of the country's economy and a quarter of its jobs.",
      },
      {
        p: 'The institute said the variety was not genetically modified and had been bred by conventional crossing, with genetic tests used only to select the most promising plants. It will need two more years of trials before it can be registered for sale.',
      },
      {
        p: 'Farmers who grew trial plots were cautiously positive. <q>It looked thin in June and I thought I had made a mistake</q>, said Emin Sadir, who farms near Aldmoor. <q>By harvest it was the only field on my farm worth cutting.</q>',
      },
    ],
    image: {
      alt: 'Illustration of rolling wheat fields under a hazy golden sky',
      caption: 'Trials of the new variety were carried out on 40 plots in three provinces.',
      credit: 'Illustration: Dateline demo',
      hue: 55,
    },
  },
  {
    slug: 'flamingos-return-to-nest-at-orlen-lagoon',
    section: 'science',
    headline: 'Flamingos return to nest at Orlen Lagoon after restoration work',
    standfirst:
      "About 600 pairs bred on the lagoon's islands this year, the first confirmed nesting there in more than a decade.",
    dateline: 'Orlen Lagoon',
    daysAgo: 25,
    hour: 8,
    authors: ['elena-voss'],
    tags: [
      { type: 'place', name: 'Orlen Lagoon' },
      { type: 'organisation', name: 'Ministry of Environment' },
      { type: 'person', name: 'Farida Quell' },
      { type: 'topic', name: 'Wildlife' },
      { type: 'topic', name: 'Environment' },
    ],
    sources: [],
    body: [
      {
        p: "Greater flamingos have nested at the Orlen Lagoon on Veradan's southern coast for the first time in more than a decade, conservationists said, after a three-year project to restore the flow of water into the wetland. About 600 pairs raised chicks on low islands in the centre of the lagoon this summer.",
      },
      {
        p: 'The lagoon, once one of the most important bird habitats on the Caspian coast, had been drying out since a road embankment cut it off from the sea decades ago. The restoration project cut three channels through the embankment and built bridges to carry the road over them.',
      },
      {
        quote:
          'When the water came back, the fish came back, and then the birds. We had hoped for flamingos within ten years, not three.',
        speaker: 'Marta Selvin',
        role: 'Project manager, Orlen Lagoon restoration',
      },
      {
        p: 'Rangers first noticed flamingos building mud nests in May and kept the area closed to visitors until the chicks could fly. Ringing teams fitted 120 of the young birds with leg rings so that their movements can be followed.',
      },
      {
        p: "The project was paid for by the Ministry of Environment with help from international conservation funds. It also created jobs for local people as rangers and guides, and a small visitor centre opened on the lagoon's northern shore in the spring.",
      },
      {
        p: 'Dr Farida Quell of Aldmoor University, who studies the seals that feed in the lagoon, warned that the falling level of the Caspian has left some channels shallower than planned. <strong>Dredging</strong> is due to begin this winter to keep them open.',
      },
    ],
    image: {
      alt: 'Illustration of pink birds standing in still shallow water at sunrise',
      caption: 'About 600 pairs of flamingos nested on the lagoon this summer.',
      credit: 'Illustration: Dateline demo',
      hue: 330,
    },
  },
  // ---------------------------------------------------------------- culture
  {
    slug: 'sarvan-film-festival-opens-with-the-salt-road',
    section: 'culture',
    headline: "Sarvan film festival opens with Yana Morell's The Salt Road",
    standfirst:
      'The festival will screen 140 films over ten days, with a competition that includes three first features by directors from Veradan.',
    dateline: 'Sarvan',
    daysAgo: 0,
    hour: 20,
    authors: ['tomas-arkwright'],
    tags: [
      { type: 'person', name: 'Yana Morell' },
      { type: 'organisation', name: 'Sarvan International Film Festival' },
      { type: 'organisation', name: 'Ministry of Culture' },
      { type: 'place', name: 'Sarvan' },
      { type: 'topic', name: 'Film' },
    ],
    sources: [],
    body: [
      {
        p: "The Sarvan International Film Festival opened with the premiere of <em>The Salt Road</em>, the third feature by the director Yana Morell, at the restored Metropole cinema in the city's old quarter. The festival's 21st edition will screen 140 films from 38 countries over ten days.",
      },
      {
        p: '<em>The Salt Road</em> follows two sisters who drive a lorry of salt from the dried-out shores of the northern Caspian to a market in the mountains over a single winter. It was shot over two years in Veradan and Orsava, largely with non-professional actors.',
      },
      {
        quote:
          'I wanted to film the coast while it still looks like this. In twenty years the places where we shot may be a hundred kilometres from the water.',
        speaker: 'Yana Morell',
        role: 'Film director',
      },
      {
        p: 'Morell, who grew up in Kestrel Bay, won the festival\'s main prize eight years ago with her debut, <em>Winter Harbour</em>. Her new film is screening out of competition, and she said she was <q>relieved not to be judged by my friends</q>.',
      },
      {
        p: 'The main competition includes twelve films, three of them first features by Veradan directors. The jury is chaired by the Belkaran actress Nazira Tolen.',
      },
      {
        p: 'The festival receives about a third of its budget from the Ministry of Culture, with the rest coming from sponsors and ticket sales. The ministry increased its contribution this year after the festival agreed to take a selection of films to regional towns, including Halvek and Tamsar.',
      },
      {
        p: "Organisers said advance ticket sales were the highest in the festival's history, helped by a new programme of free outdoor screenings on Republic Square. The awards will be presented on the festival's closing night.",
      },
    ],
    image: {
      alt: 'Illustration of a glowing screen-shaped light over a dark square in deep crimson',
      caption: 'The festival opened at the restored Metropole cinema in the old quarter of Sarvan.',
      credit: 'Illustration: Dateline demo',
      hue: 355,
    },
    top: true,
    translationKey: 'film-festival',
  },
  {
    slug: 'aldmoor-national-theatre-reopens-after-restoration',
    section: 'culture',
    headline: 'Aldmoor National Theatre reopens after four-year restoration',
    standfirst:
      'The 19th-century playhouse, closed since part of its roof collapsed, reopened with a comedy by its founder on a stage whose machinery was repaired by hand.',
    dateline: 'Aldmoor',
    daysAgo: 6,
    hour: 19,
    authors: ['tomas-arkwright'],
    tags: [
      { type: 'place', name: 'Aldmoor' },
      { type: 'organisation', name: 'Aldmoor National Theatre' },
      { type: 'organisation', name: 'Ministry of Culture' },
      { type: 'topic', name: 'Theatre' },
      { type: 'topic', name: 'Heritage' },
    ],
    sources: [{ publication: 'dpa' }],
    body: [
      {
        p: "The Aldmoor National Theatre reopened to a full house after a four-year restoration, with a new production of <em>The Miller's Three Wishes</em>, the comedy its founder, Osman Velid, wrote for the theatre's first season. Tickets for the opening fortnight sold out within a day.",
      },
      {
        p: 'The theatre closed after part of its roof collapsed in a storm, damaging the painted ceiling above the auditorium and flooding the orchestra pit. No one was hurt, but engineers found that the wooden roof beams had been weakened by decades of leaks.',
      },
      {
        quote:
          'We could have rebuilt it as a modern hall behind an old facade. We chose the slower way, and I think the audience felt the difference tonight.',
        speaker: 'Rahim Oltan',
        role: 'Artistic director, Aldmoor National Theatre',
      },
      {
        p: 'Restorers spent more than a year on the ceiling alone, cleaning and repairing a scene of musicians and dancers that had been hidden under layers of soot. The original wooden stage machinery, including a set of rope-driven trapdoors, was repaired by hand rather than replaced.',
      },
      {
        p: 'The project cost 62 million kerals, most of it from the Ministry of Culture. The ministry said the theatre was the first of five historic venues it planned to restore, with the opera house in Port Velmar next in line.',
      },
      {
        p: 'Critics were largely warm about the production, although some found it long. Several agreed that the building itself was the real star of the evening.',
      },
    ],
    image: {
      alt: 'Illustration of a painted ceiling dissolving into soft clouds of gold and teal',
      caption: 'Restorers spent more than a year on the painted ceiling above the auditorium.',
      credit: 'Illustration: Dateline demo',
      hue: 45,
    },
  },
  {
    slug: 'kestrel-bay-jazz-week-draws-record-crowds',
    section: 'culture',
    headline: 'Kestrel Bay Jazz Week draws record crowds to the seafront',
    standfirst:
      "More than 60,000 people attended the festival's free beach concerts, organisers said, as the event marked its 15th year.",
    dateline: 'Kestrel Bay',
    daysAgo: 13,
    hour: 22,
    authors: ['tomas-arkwright'],
    tags: [
      { type: 'place', name: 'Kestrel Bay' },
      { type: 'organisation', name: 'Kestrel Bay Jazz Week' },
      { type: 'topic', name: 'Music' },
    ],
    sources: [],
    body: [
      {
        p: "Kestrel Bay Jazz Week ended with a late-night concert on the town's seafront that drew about 12,000 people, bringing total attendance to more than 60,000, a record for the festival. Organisers said hotels in the town had been fully booked all week.",
      },
      {
        p: "The festival, now in its 15th year, has grown from a weekend of concerts in a hotel bar into one of the region's best-known music events. This year's programme included 45 bands from eleven countries, and most concerts were free.",
      },
      {
        quote:
          'We started with sixty chairs and a borrowed piano. Tonight I looked out at the beach and could not see where the crowd ended.',
        speaker: 'Samir Delano',
        role: 'Founder and director, Kestrel Bay Jazz Week',
      },
      {
        p: 'The highlight for many was the closing set by the Velmar Brass Collective, a twelve-piece band that mixes jazz with the wedding music of the Caspian coast. Their performance was interrupted twice by the crowd singing along.',
      },
      {
        p: 'Local businesses said the festival had extended the tourist season by several weeks. The town council has agreed to contribute to the cost of a permanent outdoor stage, which would allow more evening concerts next year.',
      },
      {
        p: 'Some residents complained about noise from after-parties in the old harbour district, which went on until dawn on several nights. The organisers said they would work with the council on a curfew for unofficial events.',
      },
    ],
    image: {
      alt: 'Illustration of a beach at night with a lit stage reflected in dark water',
      caption: 'The closing concert on the seafront drew about 12,000 people.',
      credit: 'Illustration: Dateline demo',
      hue: 275,
    },
  },
  {
    slug: 'lost-medieval-chronicle-returned-to-national-library',
    section: 'culture',
    headline: 'Lost medieval chronicle returned to the National Library in Sarvan',
    standfirst:
      'The illuminated Velmar Chronicle, missing for about eighty years, was handed back by a private collector in Orsava after two years of talks.',
    daysAgo: 18,
    hour: 12,
    authors: ['tomas-arkwright', 'mira-talbot'],
    tags: [
      { type: 'place', name: 'Sarvan' },
      { type: 'place', name: 'Orsava' },
      { type: 'organisation', name: 'National Library of Veradan' },
      { type: 'organisation', name: 'Ministry of Culture' },
      { type: 'topic', name: 'Heritage' },
    ],
    sources: [{ publication: 'anadolu' }, { publication: 'tass' }],
    body: [
      {
        p: 'An illuminated manuscript known as the Velmar Chronicle, which tells the history of the Caspian coast from the 11th to the 14th centuries, was returned to the National Library of Veradan in Sarvan at a ceremony attended by officials from Orsava. The manuscript had been missing for about eighty years after it was taken from a monastery library in wartime.',
      },
      {
        p: 'It resurfaced two years ago when a private collector in Orsava, who had inherited it from his grandfather, asked experts to value it. Specialists recognised the gold and blue decoration described in old library catalogues, and the collector agreed to give it back.',
      },
      {
        quote:
          'My grandfather kept it in a wardrobe for forty years and never told anyone what it was. I think he was ashamed. Giving it back felt like finishing something for him.',
        speaker: 'Viktor Halen',
        role: 'Collector who returned the manuscript',
      },
      {
        p: 'The 212-page manuscript is in good condition, although several pages show water damage and one illustration has been cut out. Conservators at the National Library will spend a year stabilising the binding before it goes on public display.',
      },
      {
        p: 'Culture Minister Sabina Karlen thanked the Orsavan government, which helped arrange the handover and waived its export restrictions. The two countries have agreed to set up a joint commission to trace other cultural objects lost during the war.',
      },
      {
        p: 'Historians say the chronicle is one of only three surviving sources for the early history of Port Velmar. <q>It is the closest thing we have to a birth certificate for the city</q>, said Dr Ilkin Varro, a historian at Aldmoor University.',
      },
    ],
    image: {
      alt: 'Illustration of an open book whose pages turn into a gold and blue coastline',
      caption: 'The Velmar Chronicle will go on display after a year of conservation work.',
      credit: 'Illustration: Dateline demo',
      hue: 225,
    },
  },
  {
    slug: 'port-velmar-museum-shows-a-century-of-caspian-carpets',
    section: 'culture',
    headline: 'Port Velmar museum shows a century of Caspian carpet weaving',
    standfirst:
      'More than 90 carpets, many lent by families who kept them for generations, go on display in the largest exhibition of its kind in the country.',
    dateline: 'Port Velmar',
    daysAgo: 29,
    hour: 17,
    authors: ['tomas-arkwright'],
    tags: [
      { type: 'place', name: 'Port Velmar' },
      { type: 'organisation', name: 'Museum of the Caspian Coast' },
      { type: 'topic', name: 'Heritage' },
      { type: 'topic', name: 'Exhibitions' },
    ],
    sources: [],
    body: [
      {
        p: 'The Museum of the Caspian Coast in Port Velmar has opened an exhibition of more than 90 carpets woven in the region over the past century and a half, the largest show of its kind held in Veradan. About half of the carpets have been lent by private families and have never been shown in public.',
      },
      {
        p: 'The exhibition is arranged by village rather than by date, showing how patterns passed between generations and changed as weavers moved to the cities. Labels give the name of the weaver wherever it is known, which the curators say is unusual for carpet exhibitions.',
      },
      {
        quote:
          'For a hundred years, museums have shown these carpets as the work of anonymous villagers. Most of them were made by women whose names we can still find, if we ask.',
        speaker: 'Leyli Sarand',
        role: 'Curator, Museum of the Caspian Coast',
      },
      {
        p: 'The curators spent two years travelling to villages along the coast and in the foothills, recording interviews with elderly weavers and their families. Extracts from the interviews play on headphones beside the carpets.',
      },
      {
        p: "One room is devoted to carpets made in Port Velmar's factories in the middle of the last century, when weaving was organised on an industrial scale. Their bold geometric designs, often showing ships and harbour cranes, were a favourite with visitors at the preview.",
      },
      {
        p: 'The exhibition runs until the spring, and the museum plans to take it to Aldmoor and Sarvan next year. Entry is free on the first Sunday of each month.',
      },
    ],
    image: {
      alt: 'Illustration of layered geometric bands of colour like a woven landscape in deep red',
      caption: 'About half of the carpets on show have never been exhibited before.',
      credit: 'Illustration: Dateline demo',
      hue: 5,
    },
  },
  // ---------------------------------------------------------------- sport
  {
    slug: 'fc-port-velmar-beat-sarvan-dynamo-to-win-veradan-cup',
    section: 'sport',
    headline: 'FC Port Velmar beat Sarvan Dynamo to win the Veradan Cup',
    standfirst:
      'A stoppage-time header from the teenage substitute Tural Ashen gave the Gulls a 2-1 victory and their first major trophy in nine years.',
    dateline: 'Sarvan',
    daysAgo: 1,
    hour: 22,
    updatedHoursLater: 2,
    authors: ['oskar-lind'],
    tags: [
      { type: 'organisation', name: 'FC Port Velmar' },
      { type: 'organisation', name: 'Sarvan Dynamo' },
      { type: 'person', name: 'Oren Talvik' },
      { type: 'topic', name: 'Football' },
      { type: 'topic', name: 'Veradan Cup' },
    ],
    sources: [],
    body: [
      {
        p: 'FC Port Velmar won the Veradan Cup for the first time in nine years, beating Sarvan Dynamo 2-1 in the final at the National Stadium in Sarvan with a header in the third minute of stoppage time. The winner came from Tural Ashen, a 19-year-old substitute who had been on the pitch for eleven minutes.',
      },
      {
        p: 'Dynamo, the league leaders, went ahead through their captain, Marek Hollis, just before half-time, curling a free kick over the wall. Port Velmar equalised after an hour when the Dynamo goalkeeper fumbled a long-range shot from Samir Doran and Nikola Brand tapped in the rebound.',
      },
      {
        quote:
          'I told him to stand at the far post and wait. Sometimes football is simple, and a boy who listens is worth more than any plan.',
        speaker: 'Oren Talvik',
        role: 'Head coach, FC Port Velmar',
      },
      {
        p: 'About 9,000 Port Velmar supporters made the 400-kilometre trip to the capital, many on special trains laid on by the railway company. They sang for twenty minutes after the final whistle as their players collected the trophy.',
      },
      {
        p: 'The Dynamo coach, Arkady Lemm, said his team had been <q>punished for one lapse of concentration in ninety-three minutes</q>. Dynamo remain four points clear at the top of the league with ten matches left.',
      },
      {
        p: "Victory earns Port Velmar a place in next season's Caspian Champions Cup, the regional club competition. Several thousand fans gathered outside the club's ground after midnight to greet the team bus on its return to the city.",
      },
    ],
    image: {
      alt: 'Illustration of a floodlit stadium bowl under a night sky in vivid green and white',
      caption: 'About 9,000 Port Velmar supporters travelled to the final in the capital.',
      credit: 'Illustration: Dateline demo',
      hue: 120,
    },
  },
  {
    slug: 'veradan-quad-wins-gold-at-caspian-rowing-championships',
    section: 'sport',
    headline: "Veradan women's quad wins gold at Caspian Rowing Championships",
    standfirst:
      'The crew led from the start on the sheltered waters of Kestrel Bay to give the host nation its first title of the regatta.',
    dateline: 'Kestrel Bay',
    daysAgo: 4,
    hour: 17,
    authors: ['oskar-lind'],
    tags: [
      { type: 'place', name: 'Kestrel Bay' },
      { type: 'person', name: 'Alina Serik' },
      { type: 'organisation', name: 'Caspian Rowing Championships' },
      { type: 'topic', name: 'Rowing' },
    ],
    sources: [{ publication: 'ap' }],
    body: [
      {
        p: "Veradan's women's quadruple sculls won gold at the Caspian Rowing Championships in Kestrel Bay, leading from the first stroke to finish more than two seconds ahead of Orsava. A crew from Belkara took the bronze medal.",
      },
      {
        p: 'The crew, stroked by 24-year-old Alina Serik, covered the 2,000-metre course in six minutes 21 seconds with a light tailwind. It was the first title for the host nation at the four-day regatta, which has drawn crews from seven countries.',
      },
      {
        quote:
          'We trained here all winter, in wind and rain, and today the bay gave something back. We knew every buoy on the course.',
        speaker: 'Alina Serik',
        role: "Stroke, Veradan women's quadruple sculls",
      },
      {
        p: 'Kestrel Bay has hosted the championships twice before, and organisers praised the new boathouse and finish tower built for this year\'s event. Crowds lined the promenade for the finals, with families sitting along the sea wall.',
      },
      {
        p: "The men's eight finished fourth, a disappointing result for a crew that won silver last year. Their coach said two of the rowers had been ill during the week.",
      },
      {
        p: "The championships end with the single sculls finals. Veradan's hopes rest on Arman Velt, who won the lightweight title two years ago.",
      },
    ],
    image: {
      alt: 'Illustration of a narrow boat gliding across flat silver water in early light',
      caption: 'The regatta was held on the sheltered waters of Kestrel Bay.',
      credit: 'Illustration: Dateline demo',
      hue: 170,
    },
  },
  {
    slug: 'oren-talvik-signs-new-contract-with-fc-port-velmar',
    section: 'sport',
    headline: 'Oren Talvik signs three-year contract extension with FC Port Velmar',
    standfirst:
      "The coach who rebuilt the Gulls around players from the club's academy has committed his future to the club despite interest from abroad.",
    daysAgo: 10,
    hour: 13,
    authors: ['oskar-lind'],
    tags: [
      { type: 'person', name: 'Oren Talvik' },
      { type: 'organisation', name: 'FC Port Velmar' },
      { type: 'place', name: 'Port Velmar' },
      { type: 'topic', name: 'Football' },
    ],
    sources: [{ publication: 'ledger' }],
    body: [
      {
        p: 'Oren Talvik has signed a three-year contract extension as head coach of FC Port Velmar, the club announced, ending weeks of speculation about his future. Talvik, 46, was reported to have been approached by two clubs abroad.',
      },
      {
        p: 'He joined Port Velmar two and a half years ago when the club was close to relegation. He has since built a side around players from its own academy, five of whom are now regulars in the first team.',
      },
      {
        quote:
          'I came here to build something, and it is not finished. When I walk through the academy and watch the under-14s, I know the best years of this club are still ahead.',
        speaker: 'Oren Talvik',
        role: 'Head coach, FC Port Velmar',
      },
      {
        p: "The club's president, Davud Harlan, said the coach had turned down better-paid offers. He said the club would invest in a new training pitch and a residence for academy players as part of the agreement.",
      },
      {
        p: 'Supporters hung a banner reading <em>Talvik stays</em> on the fence of the training ground within an hour of the announcement. The club is fifth in the league and plays Halvek Miners in the cup semi-final at the weekend.',
      },
      {
        p: 'Talvik, a former defender, played more than 300 league matches, most of them for clubs in Orsava. He has also been mentioned as a possible future coach of the national team.',
      },
    ],
    image: {
      alt: 'Illustration of an empty training pitch at dusk with long shadows in soft green',
      caption: 'Talvik has built the side around players from the club academy.',
      credit: 'Illustration: Dateline demo',
      hue: 95,
    },
  },
  {
    slug: 'tamsar-mountain-marathon-won-in-course-record',
    section: 'sport',
    headline: 'Tamsar mountain marathon won in course record as snow holds off',
    standfirst:
      'A teacher who grew up in the valley below the course ran the 42 kilometres in three hours 11 minutes, four minutes faster than the previous best.',
    dateline: 'Tamsar',
    daysAgo: 15,
    hour: 10,
    authors: ['oskar-lind'],
    tags: [
      { type: 'place', name: 'Tamsar' },
      { type: 'person', name: 'Bahram Uzel' },
      { type: 'organisation', name: 'Tamsar Mountain Marathon' },
      { type: 'topic', name: 'Athletics' },
    ],
    sources: [{ kind: 'foreign_media' }],
    body: [
      {
        p: 'Bahram Uzel won the Tamsar Mountain Marathon in three hours 11 minutes, breaking the course record by four minutes on a cold, clear morning. Uzel, 27, grew up in a village in the valley below the course and teaches physical education at a school in Tamsar.',
      },
      {
        p: 'The race climbs 2,400 metres over 42 kilometres of mountain paths, crossing two passes above the tree line. Snow had been forecast, but it held off until the last runners were finishing in the afternoon.',
      },
      {
        quote:
          "I have walked these paths with my father's sheep since I was six. Today I just walked them a little faster.",
        speaker: 'Bahram Uzel',
        role: 'Winner, Tamsar Mountain Marathon',
      },
      {
        p: "The women's race was won by Irena Vashko of Orsava in three hours 48 minutes. She had finished second in each of the past two years.",
      },
      {
        p: "About 1,400 runners from 22 countries took part, the largest field in the race's twelve-year history. Organisers said coverage of last year's race, which was run in a snowstorm, in foreign media had drawn many entries from abroad.",
      },
      {
        p: 'Hotels in Tamsar said the race weekend was now their busiest outside the ski season. Organisers plan to add a 21-kilometre race next year for less experienced runners.',
      },
    ],
    image: {
      alt: 'Illustration of a winding path over snow-dusted ridges in cold blue and white',
      caption: 'The course crosses two passes above the tree line.',
      credit: 'Illustration: Dateline demo',
      hue: 200,
    },
  },
  {
    slug: 'sarvan-launches-bid-to-host-caspian-games',
    section: 'sport',
    headline: 'Sarvan launches bid to host the Caspian Games',
    standfirst:
      'The government has promised a 40,000-seat stadium for Sarvan Dynamo if the capital wins the right to stage the regional multi-sport event.',
    daysAgo: 23,
    hour: 15,
    authors: ['oskar-lind', 'leyla-hamidova'],
    tags: [
      { type: 'place', name: 'Sarvan' },
      { type: 'person', name: 'Halima Ardan' },
      { type: 'organisation', name: 'Sarvan Dynamo' },
      { type: 'organisation', name: 'Caspian Games' },
      { type: 'organisation', name: 'National Assembly' },
      { type: 'topic', name: 'Athletics' },
    ],
    sources: [
      { publication: 'afp', url: 'https://www.afp.com/en/example-invented-story-sarvan-caspian-games-bid' },
      { publication: 'reuters' },
      { publication: 'anadolu' },
    ],
    body: [
      {
        p: "Veradan formally submitted Sarvan's bid to host the Caspian Games, the regional multi-sport event held every four years, with a promise to build a 40,000-seat stadium and an athletes' village on the city's eastern edge. The games' organising council will choose the host next autumn.",
      },
      {
        p: 'Prime Minister Halima Ardan presented the bid at a ceremony in the capital attended by athletes and sports officials. She said the games would be used to renew sports facilities across the country, not only in Sarvan.',
      },
      {
        quote:
          'We are not bidding for two weeks of ceremonies. We are bidding for pools, tracks and halls that our children will use for forty years.',
        speaker: 'Halima Ardan',
        role: 'Prime Minister',
      },
      {
        p: "The new stadium would become the home of Sarvan Dynamo, whose current ground was built in the 1950s and holds 18,000 spectators. The club's president, Teymur Oskan, said the move would give the club a chance to grow that comes once in a century.",
      },
      {
        p: 'The bid budget is 3.4 billion kerals, about a third of which would come from private investors. Opposition deputies in the National Assembly questioned the cost at a time when the government is under pressure to spend more on health, and called for a full public accounting before any contracts are signed.',
      },
      { h2: 'Two rival cities' },
      {
        p: 'Sarvan faces competition from two other cities, one in Orsava and one in Belkara. The Belkaran capital hosted the last games and is seen as the favourite because most of its venues are already built.',
      },
    ],
    image: {
      alt: 'Illustration of a running track curving into a city skyline in bright coral',
      caption: 'The bid includes a new stadium and an athletes\u2019 village on the eastern edge of Sarvan.',
      credit: 'Illustration: Dateline demo',
      hue: 12,
    },
  },
];
