package dev.marquee.recommendation.eval;

import java.util.List;

/**
 * The twelve latent tastes of the synthetic world. Every word here was written for this generator; the names it
 * builds from them are invented, not taken from real films or games.
 *
 * <p>Slots: {@code genres} (the first is the core genre every title carries), {@code game genres}, {@code tags},
 * {@code kinds} ({@code kind weight} pairs), {@code ages}, {@code runtime} (movie minutes, min and max); for names
 * {@code adjectives}, {@code nouns}, {@code places}, {@code prepositions}, {@code heads} and {@code tails}
 * (compounds such as "Frostspire"); for synopses {@code connectors} (optional), {@code subjects}, {@code actions}
 * (infinitives), {@code settings}, {@code complications}, {@code incidents} and {@code closers}; for live events
 * {@code live} (sports or concert), {@code live genres} and the slots of the live template.
 */
final class TasteClusters {

    /** The clusters, in a fixed order: a cluster's index is its identity. */
    static final List<TasteCluster> ALL = List.of(
            TasteCluster.parse("""
                    key: space adventure
                    genres: sci-fi | space opera | adventure
                    game genres: simulation
                    tags: tense | hopeful | epic | cerebral | atmospheric | ensemble
                    kinds: movie 6 | series 3 | game 1
                    ages: 7 | 12 | 12 | 16
                    runtime: 95 | 160
                    adjectives: Drifting | Hollow | Cinder | Pale | Outer | Farther | Tethered | Salvaged | Leeward | \
                    Amber | Slow | Wandering | Lonesome | Sunward | Cold-burn | Signalless
                    nouns: Orbit | Relay | Beacon | Meridian | Drift | Colony | Tether | Perihelion | Lantern | \
                    Vanguard | Frontier | Transit | Outpost | Parallax | Airlock | Telemetry
                    places: the Kessler Belt | the Outer Reach | Tycho Ring | the Saros Expanse | New Hollis | \
                    the Farside Array
                    prepositions: of | beyond
                    heads: Void | Ion | Helio | Comet | Nova | Umbra
                    tails: reach | wake | forge | drift | line | spire
                    subjects: a rookie pilot | a stubborn ship engineer | a disgraced fleet captain | \
                    an exiled navigator | a colony doctor | a cargo hauler's android | a salvage diver | \
                    a station's last botanist
                    actions: repair a dying reactor | guide a crippled freighter home | \
                    decode a signal from beyond the outer planets | evacuate a failing mining colony | \
                    chart a route through an uncharted nebula | restart a failing life-support system | \
                    reach a lost colony ship | stop a runaway comet
                    settings: aboard a crumbling orbital station | at the edge of the solar system | \
                    on a frozen moon | deep in the asteroid belt | on the first colony beyond Mars | \
                    inside a generation starship
                    complications: while the oxygen runs low | before the station's orbit decays | \
                    as a rival salvage fleet closes in | with nothing but a patched shuttle and an old star chart | \
                    while mission control stops answering | as the crew begins to turn on each other
                    incidents: a distress call arrives from a silent colony | \
                    the jump drive fails halfway to the outer planets | a derelict starship drifts into orbit | \
                    the station's gravity ring stops turning
                    closers: Out among the stars, every choice costs oxygen. | \
                    The colony's survival depends on one impossible launch. | \
                    Somewhere past the last beacon, the signal is getting stronger.
                    """),
            TasteCluster.parse("""
                    key: cozy comedy
                    genres: comedy | slice of life
                    tags: cozy | feel-good | quirky | warm | lighthearted | witty
                    kinds: movie 5 | series 5
                    ages: 0 | 7 | 12 | 12
                    runtime: 85 | 120
                    adjectives: Crooked | Muddled | Borrowed | Wonky | Snug | Merry | Buttered | Mismatched | \
                    Cheerful | Tangled | Frosted | Rumpled | Patchwork | Dainty | Flustered | Tipsy
                    nouns: Bakery | Neighbours | Wedding | Picnic | Teacup | Allotment | Porch | Kitchen | \
                    Bicycle | Tea Room | Jumble Sale | Fete | Scone | Apron | Casserole | Doorstep
                    places: Larkspur Lane | Puddleby Green | Plum Tree Row | Little Hensford | Cobble End | \
                    Maple Crescent
                    prepositions: on | in | at
                    heads: Butter | Honey | Crumb | Kettle | Tea | Muffin
                    tails: wick | bury | ford | field | cote | ton
                    subjects: a nervous baker | a retired postman | a newly divorced florist | a tea shop owner | \
                    an overenthusiastic wedding planner | a grumpy allotment keeper | a small-town mayor | \
                    a substitute teacher
                    actions: save the family bakery from a chain café | plan a wedding on a shoestring budget | \
                    win the village baking contest | reunite two feuding neighbours | \
                    keep a secret from the whole street | run the annual summer fete | \
                    open a tea room in a converted bus
                    settings: in a sleepy seaside village | on a street where everyone knows everyone | \
                    in a crowded family kitchen | in a village that never changes | \
                    over one chaotic summer weekend | in a cul-de-sac full of busybodies
                    complications: while the neighbours keep meddling | before the in-laws arrive | \
                    with the help of a very opinionated dog | while pretending everything is under control | \
                    as the whole town takes sides | without anyone noticing the cake is missing
                    incidents: a mix-up sends two wedding cakes to the wrong address | \
                    a famous food critic books a table by mistake | the village bakery goes up for sale | \
                    an old friend moves in next door
                    closers: It is going to be a very long, very sweet summer. | \
                    Somehow the whole neighbourhood ends up in the kitchen. | \
                    Nothing goes to plan, and that is the best part.
                    """),
            TasteCluster.parse("""
                    key: detective mystery
                    genres: mystery | crime | drama
                    tags: twisty | slow-burn | atmospheric | cerebral | brooding | gripping
                    kinds: movie 5 | series 5
                    ages: 12 | 12 | 16
                    runtime: 95 | 140
                    adjectives: Crimson | Locked | Grey | Drowned | Sealed | Unsigned | Unmarked | Ninth | Brass | \
                    Misplaced | Thirteenth | Muffled | Smudged | Tarnished | Untold | Sworn
                    nouns: Ledger | Alibi | Verdict | Inquest | Casebook | Confession | Testimony | Key | Motive | \
                    Postmark | Deposition | Affidavit | Lamplight | Footprint | Cufflink | Inkwell
                    places: Fenwick Quay | Gallows Hill | Blackwater Lane | the Old Mill | Ravensby | Tolland Cross
                    prepositions: at
                    heads: Grey | Lorn | Mire | Raven | Hush | Ash
                    tails: water | brook | mere | gate | moor | combe
                    subjects: a retired detective | a junior coroner | a small-town police sergeant | \
                    a true-crime podcaster | a disgraced forensic accountant | an insurance investigator | \
                    a night-shift archivist | a reluctant private eye
                    actions: solve a decades-old disappearance | unmask the killer behind a string of poisonings | \
                    prove an innocent man's alibi | trace a stolen ledger back to its owner | \
                    untangle a locked-room murder | find the missing heiress | expose a forged will
                    settings: in a rain-soaked harbour town | inside a crumbling country estate | \
                    in a village where everyone has a secret | on a snowbound island | across a fog-bound city | \
                    in a remote hotel out of season
                    complications: while every witness tells a different story | before the trail goes cold | \
                    as the evidence starts pointing at a colleague | while a second body turns up | \
                    with only a torn letter as a clue | as the local police close ranks
                    incidents: a body is found in a locked study | \
                    a witness vanishes the night before the trial | \
                    an anonymous letter names a respected judge | a cold case file is left on a doorstep
                    closers: Every clue leads deeper into the town's past. | \
                    The truth was hidden in plain sight all along. | \
                    Someone in the room is lying, and the clock is ticking.
                    """),
            TasteCluster.parse("""
                    key: horror
                    genres: horror | supernatural | thriller
                    tags: creepy | atmospheric | dark | slow-burn | unsettling | gory
                    kinds: movie 7 | series 3
                    ages: 16 | 18 | 18
                    runtime: 85 | 125
                    adjectives: Whispering | Hungry | Rotten | Crawling | Nameless | Withered | Starving | \
                    Grinning | Sunken | Weeping | Sallow | Blistered | Wretched | Gnawing | Eyeless | Mouldering
                    nouns: Cellar | Attic | Doll | Well | Orchard | Chapel | Mirror | Choir | Lullaby | \
                    Scarecrow | Marsh | Bell | Nursery | Teeth | Hymn | Tenant
                    places: Crowmarsh | the Black Fen | Wychwood | Saint Agnes | Ashgrove Farm | the Moor
                    prepositions: of | at | beneath
                    heads: Grave | Bone | Rot | Hush | Crow | Gloam
                    tails: wick | fen | moor | thorn | hollow | mire
                    subjects: a grieving widow | a night nurse | a paranormal investigator | a young priest | \
                    a babysitter | an estate agent | a sleepless teenager | a lighthouse relief keeper
                    actions: survive one night in a house that breathes | banish the thing living in the walls | \
                    break a curse passed down for generations | escape a village that worships the marsh | \
                    silence the voices in the old nursery | \
                    find out what the previous tenants buried in the cellar | \
                    outlast something that only hunts in the dark
                    settings: in a decaying Victorian manor | on an isolated farm | \
                    in a hospital wing sealed since the war | in a fog-bound fishing village | \
                    in a forest where the trees whisper | in a rented cottage on the moor
                    complications: while something unseen watches from the dark | before the candles burn out | \
                    as the dead begin to knock | while the nearest neighbour is miles away | \
                    as the nightmares start coming true | while the walls begin to bleed
                    incidents: the cellar door will not stay shut | \
                    a child's voice answers from an empty room | the villagers lock their doors at dusk | \
                    an antique mirror shows a stranger's face
                    closers: Some doors should never be opened. | \
                    The house remembers everyone who ever lived there. | \
                    By morning, not everyone will still be human.
                    """),
            TasteCluster.parse("""
                    key: fantasy epic
                    genres: fantasy | adventure
                    game genres: rpg
                    tags: epic | mythic | ensemble | sweeping | dark | adventurous
                    kinds: movie 5 | series 3 | game 2
                    ages: 12 | 12 | 16
                    runtime: 110 | 160
                    adjectives: Ashen | Sundered | Thorned | Ember | Silvered | Elder | Shattered | Gilded | \
                    Winterborn | Hallowed | Riven | Starless | Sable | Argent | Oathbound | Wyrmsworn
                    nouns: Crown | Throne | Oath | Citadel | Rune | Banner | Relic | Prophecy | Wyrm | Keep | \
                    Sceptre | Covenant | Chalice | Warden | Heir | Spire
                    places: the Ember Coast | the Northern Wilds | Varn | the Sundered Isles | Eldmoor | \
                    the Glass Mountains
                    prepositions: of
                    heads: Gale | Ash | Thorn | Wyrm | Rune | Frost
                    tails: crown | hold | spire | vale | gard | mere
                    subjects: an exiled princess | a blacksmith's apprentice | a half-trained sorcerer | \
                    a disgraced knight | an orphaned thief | the last dragon rider | a wandering bard | \
                    a reluctant heir
                    actions: reclaim a stolen throne | destroy an ancient cursed relic | unite the warring clans | \
                    wake a sleeping dragon | cross the mountains before winter | \
                    break the tyrant queen's enchantment | find the lost city of the first kings
                    settings: in a kingdom torn by civil war | across a realm ruled by sorcerers | \
                    beyond the edge of the known map | in a land where magic is forbidden | \
                    through haunted elven forests | in the shadow of a dying empire
                    complications: while an army of the dead marches south | before the twin moons align | \
                    as old gods stir beneath the mountains | with a band of unlikely allies | \
                    while a traitor rides among the company | as the prophecy begins to unravel
                    incidents: the royal seal is stolen on coronation night | \
                    a dragon egg is found in a peasant's field | \
                    the great wards around the capital begin to fail | \
                    a dying wizard names an unlikely successor
                    closers: Kingdoms will rise and fall before the journey ends. | Magic always has a price. | \
                    The fate of the realm rests on a promise made in the dark.
                    """),
            TasteCluster.parse("""
                    key: sports
                    genres: sports | drama
                    tags: uplifting | underdog | gritty | inspiring | competitive | emotional
                    kinds: movie 5 | series 2 | live_event 3
                    ages: 0 | 7 | 12
                    runtime: 95 | 135
                    adjectives: Muddy | Rising | Hometown | Second-half | Long-shot | Twelfth | Stubborn | Late | \
                    Sunday | Relentless | Unbeaten | Floodlit | Scrappy | Split-second | Uphill | Away-day
                    nouns: Season | Innings | Lap | Stride | Comeback | Rally | Derby | Sprint | Whistle | Pitch | \
                    Finish | Trophy | Huddle | Penalty | Relay | Medal
                    places: Harrow Bay | Millbrook | the North End | Kestrel Falls | Dunmere | Redcliff
                    prepositions: at | in
                    heads: Back | Side | Rally | Long | Touch | Home
                    tails: court | stride | lane | lap | whistle | pitch
                    subjects: a washed-up boxing coach | a teenage sprinter | a minor-league goalkeeper | \
                    a retired cyclist | a wheelchair basketball captain | a small-town rowing coach | \
                    a veteran jockey | a late-blooming marathon runner
                    actions: lead a last-place team to the championship | make one final comeback | \
                    qualify for the national finals | rebuild a club that nobody believes in | \
                    win back the respect of a hometown crowd | train an unlikely squad of misfits
                    settings: in a fading mill town | over one make-or-break season | \
                    at a club with no money and no stadium | in a city obsessed with the local derby | \
                    through a brutal winter of training
                    complications: while a knee injury threatens everything | \
                    before the club is sold to developers | as rivals mock the team in every match | \
                    with a squad of stubborn beginners | while juggling two jobs and early mornings
                    incidents: the star player walks out before the play-offs | \
                    a scout appears at a muddy Sunday league match | the club is relegated on the final day | \
                    an old rival takes over the opposing bench
                    closers: Every second on the clock counts. | Winning is only half the story. | \
                    The final whistle is only the beginning.
                    live: sports
                    live genres: sports
                    cities: Harrow Bay | Kestrel Falls | Dunmere | Redcliff | Millbrook | Ostley | Port Aven | \
                    Carrick Vale | Westholm | Brinmoor
                    mascots: Herons | Foxes | Miners | Comets | Ironclads | Gulls | Lynx | Stags | Otters | Kites
                    stages: Cup Final | Title Decider | Derby Night | Semi-Final | Season Opener | Play-off Final
                    live actions: meet in a sold-out clash | renew the league's oldest rivalry | \
                    face off with everything on the line | collide in a match the whole region has waited for
                    venues: under the floodlights of the old harbour ground | in front of forty thousand fans | \
                    at a packed riverside stadium | on a freezing winter night
                    live closers: Live coverage includes pre-match analysis and post-game interviews. | \
                    Every goal, every save and every replay, live. | \
                    Watch the full match with live commentary from the touchline.
                    """),
            TasteCluster.parse("""
                    key: romance
                    genres: romance | drama
                    tags: heartfelt | bittersweet | charming | swoon-worthy | tender | emotional
                    kinds: movie 6 | series 4
                    ages: 12 | 12 | 16
                    runtime: 90 | 130
                    adjectives: Borrowed | Midsummer | Tender | Unsent | Belated | Starlit | Sunlit | Honeyed | \
                    Secondhand | Rain-soaked | Wistful | Moonlit | Faded | Scented | Windswept | Bittersweet
                    nouns: Letters | Promise | Postcard | Vow | Sonnet | Balcony | Locket | Serenade | Waltz | \
                    Proposal | Rendezvous | Bouquet | Summer | Tango | Keepsake | Telegram
                    places: Lisbon | the Riviera | Amberley | the Vineyard | Saint Clare | Lake Ostra
                    prepositions: in
                    heads: Heart | Rose | Honey | Ever | Blush | Amber
                    tails: lace | light | wind | bloom | mere | ley
                    subjects: a widowed vineyard owner | a travelling violinist | a jaded wedding photographer | \
                    a bookshop owner | a ferry captain | a young architect | \
                    a translator on a first assignment abroad | \
                    a runaway bride
                    actions: fall for a rival in the family business | rekindle a first love | \
                    choose between a safe engagement and a reckless summer | \
                    deliver a stranger's long-lost love letters | keep a fake relationship from becoming real | \
                    find the sender of an anonymous love letter
                    settings: in a sun-drenched coastal town | on a vineyard in harvest season | \
                    in a rainy city of bookshops and bridges | over one unforgettable summer in Lisbon | \
                    at a wedding on a remote island | across three decades of letters
                    complications: while an old flame returns to town | before the summer ends | \
                    as family expectations get in the way | while hiding a heartbreaking secret | \
                    as the wedding day draws closer
                    incidents: a wrong number leads to a midnight conversation | \
                    a box of unsent love letters turns up in an attic | \
                    two strangers share the last seat on a night train | a wedding invitation arrives from an ex
                    closers: Some loves are worth waiting a lifetime for. | \
                    Falling in love was never part of the plan. | Sometimes the heart knows the way home.
                    """),
            TasteCluster.parse("""
                    key: nature documentary
                    genres: documentary | nature
                    tags: breathtaking | calm | educational | awe-inspiring | meditative | informative
                    kinds: movie 5 | series 5
                    ages: 0 | 0 | 7
                    runtime: 80 | 110
                    adjectives: Restless | Untamed | Shifting | Living | Ancient | Northern | Breathing | Turning | \
                    Trembling | Migrant | Teeming | Wandering | Rising | Thawing | Sunken | Flowering
                    nouns: Reef | Tundra | Rainforest | Migration | Savanna | Glacier | Wetlands | Canopy | \
                    Seasons | Delta | Wilderness | Coastline | Tides | Kingdoms | Grasslands | Floodplain
                    places: the Deep Sea | the Arctic | the Coral Sea | the High Andes | the Mangroves | \
                    the Great Rift
                    prepositions: of
                    heads: Tide | Leaf | Fern | Reed | Kelp | Moss
                    tails: line | water | song | fall | watch | drift
                    connectors: must | struggles to | sets out to | fights to | has one short season to
                    subjects: a family of snow leopards | a herd of caribou | a colony of emperor penguins | \
                    a young humpback whale | a pride of desert lions | a lone grey wolf | \
                    a troop of mountain gorillas | a school of reef sharks
                    actions: cross a flooded river | raise a new generation of young | \
                    find water in the driest season on record | defend a shrinking territory | \
                    complete one of the longest migrations on earth | survive the polar night
                    settings: across the frozen Arctic tundra | on a remote coral reef | \
                    in the heart of the Amazon rainforest | on the African savanna | \
                    along a wild northern coastline | high in the Himalaya
                    complications: as the seasons shift around them | while predators wait in the long grass | \
                    in some of the most extraordinary footage ever filmed | as a warming climate redraws the map
                    incidents: the ice breaks up weeks early | the rains fail for a second year | \
                    the tide retreats further than ever | spring arrives on the tundra
                    closers: Narrated with quiet wonder, it is a portrait of a fragile world. | \
                    The footage reveals behaviour never filmed before. | \
                    Nature's greatest journeys unfold in stunning detail.
                    """),
            TasteCluster.parse("""
                    key: heist thriller
                    genres: thriller | crime | action
                    tags: stylish | fast-paced | tense | slick | twisty | gritty
                    kinds: movie 7 | series 3
                    ages: 16 | 16 | 18
                    runtime: 100 | 150
                    adjectives: Clean | Glass | Velvet | Neon | Razor | Double | Quick | Counterfeit | Midnight | \
                    Gilded | Cold | Slick | Crooked | Mirrored | Fireproof | Laundered
                    nouns: Vault | Score | Getaway | Heist | Cipher | Switch | Exit | Contract | Mark | Takedown | \
                    Blueprint | Diamond | Lockpick | Payoff | Dossier | Safehouse
                    places: Monaco | Zurich | the Docklands | Antwerp | Macau | the Old Town
                    prepositions: in
                    heads: Steel | Glass | Cash | Night | Lock | Cipher
                    tails: point | line | switch | lock | wire | run
                    subjects: a retired safecracker | a hacker on parole | a disgraced bank auditor | \
                    a getaway driver | a con artist | an insurance fraud investigator | a former art thief | \
                    a casino dealer
                    actions: pull off one last heist | rob a vault that cannot be robbed | \
                    steal a diamond during a charity gala | double-cross a crime syndicate | \
                    empty a private bank in a single night | recover a stolen painting before it is sold
                    settings: in the heart of Zurich's banking district | \
                    during a glittering casino weekend in Monaco | under the streets of a rain-slick city | \
                    inside a fortress-like auction house | across three cities in one night | \
                    in a high-rise built to be impenetrable
                    complications: while an old partner plans a double-cross | \
                    before the security system resets at dawn | as a relentless detective closes in | \
                    with a crew that trusts no one | while the cartel watches every move | \
                    as the plan starts falling apart
                    incidents: a job goes wrong and a crew member vanishes | \
                    an old debt is called in by a ruthless broker | \
                    a stranger offers a blueprint of the bank's vault | \
                    the perfect alarm system turns out to have one flaw
                    closers: In this game, everyone is working an angle. | \
                    One night, one vault, and no second chances. | The real score was never the money.
                    """),
            TasteCluster.parse("""
                    key: family animation
                    genres: animation | family
                    game genres: adventure
                    tags: whimsical | funny | heartwarming | colourful | playful | gentle
                    kinds: movie 6 | series 3 | game 1
                    ages: 0 | 0 | 7
                    runtime: 80 | 105
                    adjectives: Wobbly | Sleepy | Jolly | Fuzzy | Bouncy | Curious | Sparkly | Tiny | Giggly | \
                    Pocket-sized | Clumsy | Fluffy | Dizzy | Plucky | Cheeky | Polka-dot
                    nouns: Dragon | Robot | Penguin | Acorn | Kite | Balloon | Snail | Owl | Puddle | Teapot | \
                    Hedgehog | Rocket | Otter | Cloud | Button | Dumpling
                    places: Pebble Hill | Bumblewood | the Toy Cupboard | Marshmallow Mountain | the Big Pond | \
                    Cloudberry Island
                    prepositions: of | from
                    heads: Puddle | Wiggle | Snug | Bumble | Fizz | Jelly
                    tails: bug | bottom | wick | pop | paws | sprout
                    subjects: a curious young otter | a tiny robot | a shy dragon | a lost teddy bear | \
                    a brave little snail | an inventive hedgehog | a penguin who hates the cold | \
                    a kite with a mind of its own
                    actions: find the way home before bedtime | save the forest's annual festival | \
                    make friends with the grumpy giant next door | rescue a runaway balloon | \
                    learn to fly in time for the big race | bring colour back to a grey town
                    settings: in a magical woodland | across a kingdom made of toys | \
                    in a seaside town full of talking animals | through a land of candy clouds | \
                    in a busy underground burrow | on a floating island
                    complications: with the help of some very silly friends | before the first snow falls | \
                    while dodging a mischievous band of raccoons | with nothing but a map drawn in crayon
                    incidents: the moon goes missing one night | a magic acorn lands in the garden | \
                    the toy box opens to another world | the town's clock tower stops ticking
                    closers: A colourful adventure for the whole family. | \
                    Friendship turns out to be the greatest magic of all. | \
                    Expect songs, giggles and a very happy ending.
                    """),
            TasteCluster.parse("""
                    key: strategy games
                    genres: strategy | puzzle | tactics
                    tags: cerebral | competitive | relaxing | challenging | replayable | tactical
                    kinds: game 1
                    ages: 0 | 7 | 7 | 12
                    runtime: 0 | 0
                    adjectives: Clockwork | Latticed | Folded | Twin | Ninth | Copper | Tiny | Shifting | Hexagonal | \
                    Sprawling | Paper | Crystal | Modular | Tidy | Tessellated | Interlocking
                    nouns: Tactics | Gambit | Empire | Labyrinth | Kingdoms | Conquest | Tiles | Colony | Fleet | \
                    Siege | Machine | Circuit | Cartography | Dominion | Railways | Garrison
                    places: the Seven Isles | Ironvale | the Archipelago | the Grid | the Lost Continent | Brassport
                    prepositions: of
                    heads: Hex | Grid | Cog | Tile | Gear | Clock
                    tails: craft | fall | works | bound | fold | march
                    subjects: a fledgling governor | a guild of engineers
                    actions: build a thriving colony from a single outpost | \
                    outmanoeuvre rival empires on a shifting hex map | \
                    solve a hundred hand-crafted clockwork puzzles | defend a mountain kingdom with scarce resources | \
                    route trains across a growing continent | rotate and fold impossible paper rooms
                    settings: across a procedurally generated archipelago | in a world of brass machines | \
                    on a board that changes every turn | through twelve themed campaigns | \
                    in a tiny kingdom on the back of a giant turtle | across a sprawling island chain
                    complications: while managing scarce food and gold | \
                    with turn-based battles that reward careful planning | \
                    as rival factions forge and break alliances | with a gentle hint system for tricky levels | \
                    in solo campaigns or online matches
                    incidents: a new continent rises from the sea | the old empire collapses overnight
                    closers: Easy to learn, hard to master. | Every turn brings a new decision. | \
                    Perfect for short sessions or long campaigns.
                    """),
            TasteCluster.parse("""
                    key: live music
                    genres: music | concert
                    tags: energetic | soulful | intimate | euphoric | nostalgic | loud
                    kinds: live_event 5 | movie 3 | series 2
                    ages: 0 | 7 | 12
                    runtime: 90 | 140
                    adjectives: Electric | Velvet | Neon | Analog | Amplified | Northern | Burning | Smoky | \
                    Brassy | Restless | Jangling | Silver | Fuzzbox | Reverb | Overdriven | Humming
                    nouns: Echoes | Chorus | Encore | Rhythm | Anthem | Harmony | Records | Amplifier | Ballad | \
                    Sessions | Frequency | Stage | Melody | Overture | Tempo | Sirens
                    places: the Harbour Hall | the Night Market | Studio Nine | the Old Ballroom | Riverside Park | \
                    the Glasshouse
                    prepositions: at
                    heads: Sound | Bass | Echo | Tune | Amp | Chord
                    tails: bloom | house | light | fire | track | line
                    subjects: a fading rock star | a teenage drummer | a small-town gospel choir director | \
                    an ageing jazz pianist | a folk singer from the coast | a young record producer
                    actions: reunite the band for one last tour | record an album in a single week | \
                    win a place at the biggest festival of the summer | write the song that saves a failing club | \
                    play a comeback show in a hometown theatre
                    settings: in a city that lives for music | on a cross-country tour in a battered van | \
                    in a legendary recording studio | over one chaotic festival weekend | \
                    in the smoky jazz clubs of the fifties
                    complications: while old rivalries threaten to split the group | \
                    before the record label pulls the plug | as the songs take on a life of their own | \
                    with a borrowed guitar and a broken amplifier
                    incidents: a lost demo tape surfaces after thirty years | \
                    the headline act cancels an hour before the show | a viral video turns a busker into a star
                    closers: The music says what words never could. | Every song is a second chance. | \
                    The band plays on, whatever it costs.
                    live: concert
                    live genres: music | concert
                    live subjects: a twelve-piece folk orchestra | an electronic duo | a celebrated jazz quartet | \
                    a chart-topping pop group | a massed youth choir | a veteran rock band
                    live actions: play a new album from start to finish | \
                    perform the greatest hits of a thirty-year career | close a world tour | \
                    celebrate twenty years on the road | return for a one-night-only reunion show | \
                    premiere songs written on the road
                    live closers: Streamed live in high definition with multi-camera coverage. | \
                    Includes a behind-the-scenes look at rehearsals. | \
                    Join thousands of fans for a night to remember.
                    """));

    private TasteClusters() {
    }
}
