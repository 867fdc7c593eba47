#!/usr/bin/env node
/**
 * Writes sentences.json: 100 hand-written sentences (20 per domain) with their named
 * entities. Entities are marked inline as [TYPE words]; this script removes the marks and
 * records each entity's text, type and character offsets [start, end) in the plain sentence,
 * then checks that every span matches the sentence. Same input, same file:
 *
 *   node datasets/ner-mini/make-dataset.mjs [output-folder]
 */
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const TYPES = ["PER", "ORG", "LOC", "MISC"];

const MARKED = {
  politics: [
    "[PER Angela Merkel] served as Chancellor of [LOC Germany] from 2005 to 2021.",
    "The [ORG United Nations] was founded in 1945 and has its headquarters in [LOC New York City].",
    "[PER Nelson Mandela] was elected President of [LOC South Africa] in 1994.",
    "The [ORG European Union] introduced the euro as a currency in 1999.",
    "[PER Abraham Lincoln] gave the [MISC Gettysburg Address] in [LOC Pennsylvania] in 1863.",
    "[PER Jacinda Ardern] became Prime Minister of [LOC New Zealand] in 2017.",
    "The [ORG North Atlantic Treaty Organization] was set up in 1949 and now has its headquarters in [LOC Brussels].",
    "[PER Winston Churchill] led the [MISC British] government during most of the [MISC Second World War].",
    "The [ORG World Health Organization] is based in [LOC Geneva].",
    "[PER Indira Gandhi] was the first woman to serve as Prime Minister of [LOC India].",
    "[PER Franklin D. Roosevelt] launched the [MISC New Deal] programmes in the 1930s.",
    "The [ORG African Union] has its headquarters in [LOC Addis Ababa].",
    "[PER Charles de Gaulle] led the [MISC Free French] forces during the [MISC Second World War].",
    "The [ORG International Monetary Fund] and the [ORG World Bank] were planned at a conference in [LOC Bretton Woods].",
    "[PER Mikhail Gorbachev] introduced a policy of openness in the [LOC Soviet Union].",
    "[PER Ellen Johnson Sirleaf] of [LOC Liberia] shared the [MISC Nobel Peace Prize] in 2011.",
    "The [ORG Supreme Court] of the [LOC United States] sits in [LOC Washington].",
    "[PER Lee Kuan Yew] was the first Prime Minister of [LOC Singapore].",
    "The [ORG Association of Southeast Asian Nations] was founded in [LOC Bangkok] in 1967.",
    "[PER Margaret Thatcher] led the [ORG Conservative Party] from 1975 to 1990.",
  ],
  business: [
    "[PER Steve Jobs] and [PER Steve Wozniak] founded [ORG Apple] in 1976.",
    "[ORG Toyota] has its headquarters in [LOC Toyota City], [LOC Japan].",
    "[PER Jeff Bezos] founded [ORG Amazon] in 1994.",
    "[ORG Siemens] has its headquarters in [LOC Munich].",
    "[ORG Samsung Electronics] is based in [LOC Suwon], [LOC South Korea].",
    "[PER Bill Gates] and [PER Paul Allen] founded [ORG Microsoft] in 1975.",
    "The [MISC iPhone] was introduced by [ORG Apple] in 2007.",
    "[ORG Nestlé] is a food company based in [LOC Vevey], [LOC Switzerland].",
    "[ORG IKEA] was founded in [LOC Sweden] by [PER Ingvar Kamprad] in 1943.",
    "[ORG Volkswagen] has its headquarters in [LOC Wolfsburg].",
    "[PER Henry Ford] introduced the [MISC Model T] in 1908.",
    "[ORG Airbus] assembles many of its aircraft in [LOC Toulouse].",
    "The [ORG New York Stock Exchange] is located on [LOC Wall Street].",
    "[ORG Alibaba] was founded by [PER Jack Ma] in [LOC Hangzhou] in 1999.",
    "[ORG Nokia] is a telecommunications company from [LOC Finland].",
    "[PER Warren Buffett] built [ORG Berkshire Hathaway] into a large company based in [LOC Omaha].",
    "[ORG Sony] released the first [MISC PlayStation] console in 1994.",
    "[ORG Tata Motors] bought [ORG Jaguar Land Rover] from [ORG Ford] in 2008.",
    "The [ORG Lego Group] is based in [LOC Billund], [LOC Denmark].",
    "[ORG Heineken] was founded in [LOC Amsterdam] by [PER Gerard Adriaan Heineken] in 1864.",
  ],
  sports: [
    "[PER Usain Bolt] won the 100 metres at the [MISC Olympic Games] in [LOC Beijing] in 2008.",
    "[ORG Real Madrid] plays its home games at the [LOC Santiago Bernabéu Stadium].",
    "[PER Serena Williams] won the singles title at [MISC Wimbledon] seven times.",
    "The 2014 [MISC FIFA World Cup] was held in [LOC Brazil].",
    "[PER Michael Jordan] won six championships with the [ORG Chicago Bulls].",
    "[PER Roger Federer] was born in [LOC Basel].",
    "[ORG Manchester United] was managed by [PER Alex Ferguson] from 1986 to 2013.",
    "The [MISC Tour de France] traditionally finishes in [LOC Paris].",
    "[PER Lionel Messi] joined [ORG Inter Miami] in 2023.",
    "[PER Eliud Kipchoge] of [LOC Kenya] ran a marathon in under two hours in [LOC Vienna] in 2019.",
    "The [LOC New Zealand] national rugby union team is known as the [ORG All Blacks].",
    "[PER Simone Biles] is an [MISC American] gymnast with many world titles.",
    "The [MISC Super Bowl] is the final game of the [ORG National Football League] season.",
    "[PER Pelé] won the [MISC World Cup] three times with [LOC Brazil].",
    "[PER Nadia Comăneci] scored the first perfect ten in [MISC Olympic] gymnastics in [LOC Montreal] in 1976.",
    "[PER Sachin Tendulkar] played international cricket for [LOC India] for 24 years.",
    "The [MISC Boston Marathon] is held every April.",
    "The home stadium of [ORG FC Barcelona] is [LOC Camp Nou].",
    "[PER Muhammad Ali] fought [PER George Foreman] in [LOC Kinshasa] in 1974.",
    "[PER Naomi Osaka] won the [MISC US Open] in 2018.",
  ],
  science: [
    "[PER Marie Curie] worked at the [ORG University of Paris].",
    "[PER Charles Darwin] sailed on [MISC HMS Beagle] to the [LOC Galápagos Islands].",
    "[ORG NASA] launched the [MISC Hubble Space Telescope] in 1990.",
    "[PER Isaac Newton] studied at [ORG Trinity College] in [LOC Cambridge].",
    "[PER Rosalind Franklin] worked at [ORG King's College London] on the structure of DNA.",
    "The [ORG European Space Agency] launches rockets from [LOC Kourou] in [LOC French Guiana].",
    "[PER Albert Einstein] was awarded the [MISC Nobel Prize in Physics] for 1921.",
    "[ORG CERN] runs the [MISC Large Hadron Collider] near [LOC Geneva].",
    "[PER Alexander Fleming] discovered penicillin in [LOC London] in 1928.",
    "[PER Galileo Galilei] taught mathematics at the [ORG University of Padua].",
    "[PER Ada Lovelace] wrote notes on the [MISC Analytical Engine] designed by [PER Charles Babbage].",
    "[ORG SpaceX] was founded by [PER Elon Musk] in 2002.",
    "[PER Jane Goodall] studied chimpanzees in [LOC Tanzania].",
    "The [MISC Apollo 11] mission landed on the Moon in 1969.",
    "[PER Dmitri Mendeleev] published an early periodic table in [LOC Russia] in 1869.",
    "The [ORG Max Planck Society] runs research institutes across [LOC Germany].",
    "[PER Tim Berners-Lee] invented the [MISC World Wide Web] while working at [ORG CERN].",
    "[PER Gregor Mendel] studied inheritance in pea plants at a monastery in [LOC Brno].",
    "[ORG Google DeepMind] developed [MISC AlphaFold] to predict the shapes of proteins.",
    "[PER Stephen Hawking] worked for decades at the [ORG University of Cambridge].",
  ],
  culture: [
    "[PER William Shakespeare] wrote [MISC Hamlet] around 1600.",
    "[PER Leonardo da Vinci] painted the [MISC Mona Lisa], which hangs in the [ORG Louvre] in [LOC Paris].",
    "[PER Ludwig van Beethoven] was born in [LOC Bonn] in 1770.",
    "The [ORG Beatles] formed in [LOC Liverpool] in 1960.",
    "[PER Frida Kahlo] was a [MISC Mexican] painter born in [LOC Coyoacán].",
    "[PER J. K. Rowling] wrote the [MISC Harry Potter] books.",
    "[PER Gabriel García Márquez] wrote [MISC One Hundred Years of Solitude].",
    "The first [MISC Eurovision Song Contest] was held in [LOC Lugano] in 1956.",
    "[PER Akira Kurosawa] directed [MISC Seven Samurai] in 1954.",
    "The [ORG Metropolitan Museum of Art] is in [LOC New York City].",
    "[PER Pablo Picasso] painted [MISC Guernica] in 1937.",
    "[PER Wolfgang Amadeus Mozart] was born in [LOC Salzburg].",
    "[PER Chinua Achebe] wrote the novel [MISC Things Fall Apart].",
    "The [ORG Royal Shakespeare Company] is based in [LOC Stratford-upon-Avon].",
    "[PER Vincent van Gogh] painted [MISC The Starry Night] in 1889.",
    "The [MISC Cannes Film Festival] takes place every year in [LOC France].",
    "[PER Toni Morrison] won the [MISC Nobel Prize in Literature] in 1993.",
    "[PER Bob Marley] made reggae music from [LOC Jamaica] famous around the world.",
    "[PER Hayao Miyazaki] co-founded [ORG Studio Ghibli] in 1985.",
    "[PER Miguel de Cervantes] wrote [MISC Don Quixote] in [MISC Spanish].",
  ],
};

const MARK = /\[(PER|ORG|LOC|MISC) ([^\]]+)\]/g;

/** Plain sentence and entities with offsets from a marked sentence. */
function unmark(marked) {
  let text = "";
  let last = 0;
  const entities = [];
  for (const match of marked.matchAll(MARK)) {
    text += marked.slice(last, match.index);
    const start = text.length;
    text += match[2];
    entities.push({ text: match[2], type: match[1], start, end: text.length });
    last = match.index + match[0].length;
  }
  text += marked.slice(last);
  return { text, entities };
}

function build() {
  const sentences = [];
  for (const [domain, list] of Object.entries(MARKED)) {
    for (const marked of list) {
      const { text, entities } = unmark(marked);
      sentences.push({ sentence_id: `ner-${String(sentences.length + 1).padStart(3, "0")}`, domain, text, entities });
    }
  }
  return sentences;
}

function check(sentences) {
  const problems = [];
  for (const { sentence_id, text, entities } of sentences) {
    if (/[[\]]/.test(text)) problems.push(`${sentence_id}: a mark was not removed`);
    for (const entity of entities) {
      if (text.slice(entity.start, entity.end) !== entity.text) problems.push(`${sentence_id}: "${entity.text}" is not at ${entity.start}`);
      if (!TYPES.includes(entity.type)) problems.push(`${sentence_id}: unknown type ${entity.type}`);
    }
  }
  if (problems.length > 0) throw new Error(problems.join("\n"));
}

const sentences = build();
check(sentences);
// An optional folder argument writes there instead (tests compare it with the committed file).
const folder = process.argv[2] ? resolve(process.argv[2]) : fileURLToPath(new URL(".", import.meta.url));
const target = join(folder, "sentences.json");
writeFileSync(target, `${compactJson(sentences)}\n`);
const counts = Object.fromEntries(TYPES.map((type) => [type, sentences.flatMap((sentence) => sentence.entities).filter((entity) => entity.type === type).length]));
console.log(`wrote ${sentences.length} sentences to ${target}`, counts);

/** Two-space JSON with innermost objects (options, entities) kept on one line each. */
function compactJson(value) {
  return JSON.stringify(value, null, 2).replace(/\{\n\s+([^{}[\]]+?)\n\s+\}/g, (_, body) => `{ ${body.split(/,\n\s+/).join(", ")} }`);
}
