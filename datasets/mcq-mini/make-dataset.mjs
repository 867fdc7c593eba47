#!/usr/bin/env node
/**
 * Writes questions.json: 200 multiple-choice questions, 40 in each of five categories.
 * Geography, science, history and language questions are hand-written below (question,
 * correct answer, three wrong answers); math questions are generated from seeded random
 * numbers with the answer computed. Option order and question order come from a seeded
 * PRNG, so running this again gives the same file byte for byte:
 *
 *   node datasets/mcq-mini/make-dataset.mjs [output-folder]
 */
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const SEED = 20250301;
const LETTERS = ["A", "B", "C", "D"];

/** [question, correct answer, three wrong answers] */
const HAND_WRITTEN = {
  geography: [
    ["What is the capital of Australia?", "Canberra", ["Sydney", "Melbourne", "Perth"]],
    ["What is the capital of Canada?", "Ottawa", ["Toronto", "Montreal", "Vancouver"]],
    ["Which is the longest river in South America?", "Amazon", ["Paraná", "Orinoco", "São Francisco"]],
    ["On which continent is Kenya?", "Africa", ["Asia", "South America", "Oceania"]],
    ["What is the largest ocean on Earth?", "Pacific Ocean", ["Atlantic Ocean", "Indian Ocean", "Arctic Ocean"]],
    ["Which country has the largest land area?", "Russia", ["Canada", "China", "United States"]],
    ["What is the capital of Japan?", "Tokyo", ["Kyoto", "Osaka", "Yokohama"]],
    ["Which mountain range is traditionally taken as part of the boundary between Europe and Asia?", "Ural Mountains", ["Alps", "Andes", "Pyrenees"]],
    ["Which mountain has the highest summit above sea level?", "Mount Everest", ["K2", "Kangchenjunga", "Mont Blanc"]],
    ["Which is the largest hot desert in the world?", "Sahara", ["Gobi", "Kalahari", "Atacama"]],
    ["What is the capital of Brazil?", "Brasília", ["Rio de Janeiro", "São Paulo", "Salvador"]],
    ["In which country is the city of Marrakesh?", "Morocco", ["Egypt", "Tunisia", "Algeria"]],
    ["Which strait separates Spain from Morocco?", "Strait of Gibraltar", ["Strait of Hormuz", "Bosporus", "Strait of Dover"]],
    ["What is the capital of Egypt?", "Cairo", ["Alexandria", "Giza", "Luxor"]],
    ["Which river flows through Baghdad?", "Tigris", ["Euphrates", "Jordan", "Nile"]],
    ["Which is the largest island in the world that is not a continent?", "Greenland", ["New Guinea", "Borneo", "Madagascar"]],
    ["Which US state is the largest by area?", "Alaska", ["Texas", "California", "Montana"]],
    ["What is the capital of Kenya?", "Nairobi", ["Mombasa", "Kisumu", "Nakuru"]],
    ["Which sea lies between Italy and the Balkan Peninsula?", "Adriatic Sea", ["Aegean Sea", "Baltic Sea", "Caspian Sea"]],
    ["What is the capital of Argentina?", "Buenos Aires", ["Córdoba", "Rosario", "Mendoza"]],
    ["Into which sea does the Danube flow?", "Black Sea", ["Mediterranean Sea", "North Sea", "Caspian Sea"]],
    ["Ankara is the capital of which country?", "Turkey", ["Greece", "Iran", "Syria"]],
    ["Lake Titicaca lies on the border between Peru and which other country?", "Bolivia", ["Chile", "Ecuador", "Colombia"]],
    ["What is the capital of South Korea?", "Seoul", ["Busan", "Incheon", "Daegu"]],
    ["Which African country has the largest population?", "Nigeria", ["Ethiopia", "Egypt", "South Africa"]],
    ["Along which side of South America do the Andes run?", "The west", ["The east", "The north coast", "The centre"]],
    ["What is the smallest country in the world by area?", "Vatican City", ["Monaco", "San Marino", "Liechtenstein"]],
    ["Which river flows through Paris?", "Seine", ["Loire", "Rhône", "Thames"]],
    ["Hanoi is the capital of which country?", "Vietnam", ["Laos", "Cambodia", "Thailand"]],
    ["What is the capital of New Zealand?", "Wellington", ["Auckland", "Christchurch", "Hamilton"]],
    ["On which continent is the Atacama Desert?", "South America", ["Africa", "Asia", "Australia"]],
    ["What is the capital of Norway?", "Oslo", ["Bergen", "Stockholm", "Copenhagen"]],
    ["In which country is the city of Kraków?", "Poland", ["Czech Republic", "Hungary", "Slovakia"]],
    ["Which is the longest river in Europe?", "Volga", ["Danube", "Rhine", "Dnieper"]],
    ["In which country is Mount Kilimanjaro?", "Tanzania", ["Kenya", "Uganda", "Ethiopia"]],
    ["What is the capital of Portugal?", "Lisbon", ["Porto", "Madrid", "Coimbra"]],
    ["Which ocean lies between Africa and Australia?", "Indian Ocean", ["Atlantic Ocean", "Pacific Ocean", "Arctic Ocean"]],
    ["Off the coast of which Australian state is most of the Great Barrier Reef?", "Queensland", ["New South Wales", "Victoria", "Western Australia"]],
    ["Which city is the seat of the Swiss federal government?", "Bern", ["Zurich", "Geneva", "Basel"]],
    ["Which canal connects the Mediterranean Sea with the Red Sea?", "Suez Canal", ["Panama Canal", "Kiel Canal", "Corinth Canal"]],
  ],
  science: [
    ["What is the chemical symbol for gold?", "Au", ["Ag", "Gd", "Go"]],
    ["Which gas do plants take from the air for photosynthesis?", "Carbon dioxide", ["Oxygen", "Nitrogen", "Hydrogen"]],
    ["Which planet is closest to the Sun?", "Mercury", ["Venus", "Mars", "Earth"]],
    ["What is the largest planet in our solar system?", "Jupiter", ["Saturn", "Neptune", "Uranus"]],
    ["How many chromosomes does a typical human body cell have?", "46", ["23", "44", "48"]],
    ["What is the SI unit of electric current?", "Ampere", ["Volt", "Ohm", "Watt"]],
    ["What is the chemical formula of water?", "H2O", ["CO2", "H2O2", "NaCl"]],
    ["Which organ pumps blood around the human body?", "Heart", ["Liver", "Lungs", "Kidneys"]],
    ["At sea level, at what temperature in degrees Celsius does pure water boil?", "100", ["90", "110", "212"]],
    ["Which particle carries a negative electric charge?", "Electron", ["Proton", "Neutron", "Photon"]],
    ["Which is the hardest natural material?", "Diamond", ["Quartz", "Granite", "Topaz"]],
    ["Which planet is known as the Red Planet?", "Mars", ["Venus", "Jupiter", "Mercury"]],
    ["Which gas makes up most of Earth's atmosphere?", "Nitrogen", ["Oxygen", "Carbon dioxide", "Argon"]],
    ["What is the chemical symbol for sodium?", "Na", ["So", "Sd", "Sn"]],
    ["Which blood cells carry oxygen around the body?", "Red blood cells", ["White blood cells", "Platelets", "Plasma cells"]],
    ["About how fast does light travel in a vacuum?", "300,000 km per second", ["300 km per second", "3,000 km per second", "30,000 km per second"]],
    ["Which force keeps the planets in orbit around the Sun?", "Gravity", ["Magnetism", "Friction", "Air pressure"]],
    ["In an animal cell, which structure holds most of the DNA?", "Nucleus", ["Ribosome", "Cell membrane", "Cytoplasm"]],
    ["What is the pH of pure water at 25 degrees Celsius?", "7", ["0", "5", "14"]],
    ["Which element has atomic number 1?", "Hydrogen", ["Helium", "Oxygen", "Carbon"]],
    ["Which part of the cell makes most of its ATP?", "Mitochondria", ["Golgi apparatus", "Ribosomes", "Vacuole"]],
    ["How many bones are there in the adult human body?", "206", ["196", "212", "226"]],
    ["What do we call animals that eat only plants?", "Herbivores", ["Carnivores", "Omnivores", "Decomposers"]],
    ["At what temperature in degrees Fahrenheit does water freeze?", "32", ["0", "100", "212"]],
    ["Which gas do plants release during photosynthesis?", "Oxygen", ["Carbon dioxide", "Methane", "Nitrogen"]],
    ["Which positively charged particle is found in the nucleus of an atom?", "Proton", ["Electron", "Neutron", "Positron"]],
    ["What is the largest organ of the human body?", "Skin", ["Liver", "Brain", "Lungs"]],
    ["Who proposed the general theory of relativity?", "Albert Einstein", ["Isaac Newton", "Niels Bohr", "Galileo Galilei"]],
    ["What is the chemical symbol for iron?", "Fe", ["Ir", "In", "Fr"]],
    ["Which planet has the largest and brightest ring system?", "Saturn", ["Jupiter", "Uranus", "Neptune"]],
    ["What is the change from a liquid to a gas at its surface called?", "Evaporation", ["Condensation", "Sublimation", "Melting"]],
    ["Through which of these can sound not travel?", "Vacuum", ["Water", "Steel", "Air"]],
    ["Which gas is the main part of natural gas?", "Methane", ["Ethane", "Propane", "Butane"]],
    ["Which red-cell blood type is known as the universal donor?", "O negative", ["AB positive", "A positive", "B negative"]],
    ["What is the SI unit of frequency?", "Hertz", ["Joule", "Newton", "Pascal"]],
    ["What is the energy of a moving object called?", "Kinetic energy", ["Potential energy", "Chemical energy", "Nuclear energy"]],
    ["Which layer of the atmosphere holds most of the ozone layer?", "Stratosphere", ["Troposphere", "Mesosphere", "Thermosphere"]],
    ["What shape does a DNA molecule have?", "Double helix", ["Single ring", "Triple helix", "Flat sheet"]],
    ["How many planets are there in our solar system?", "8", ["7", "9", "10"]],
    ["Which element has the chemical symbol K?", "Potassium", ["Krypton", "Calcium", "Carbon"]],
  ],
  history: [
    ["In which year did the Second World War end?", "1945", ["1939", "1944", "1950"]],
    ["Who was the first President of the United States?", "George Washington", ["Thomas Jefferson", "John Adams", "Abraham Lincoln"]],
    ["In which year did the Berlin Wall fall?", "1989", ["1987", "1991", "1985"]],
    ["Which ancient civilisation built the pyramids of Giza?", "Ancient Egyptians", ["Romans", "Greeks", "Persians"]],
    ["Who was the first person to walk on the Moon?", "Neil Armstrong", ["Buzz Aldrin", "Yuri Gagarin", "John Glenn"]],
    ["In which year did Christopher Columbus first reach the Americas?", "1492", ["1498", "1500", "1488"]],
    ["Julius Caesar was a leader of which ancient state?", "Rome", ["Athens", "Egypt", "Carthage"]],
    ["Who wrote the main draft of the United States Declaration of Independence?", "Thomas Jefferson", ["Benjamin Franklin", "George Washington", "John Adams"]],
    ["In which year did the French Revolution begin?", "1789", ["1776", "1799", "1812"]],
    ["Who was the British Prime Minister for most of the Second World War?", "Winston Churchill", ["Neville Chamberlain", "Clement Attlee", "Anthony Eden"]],
    ["Which ship sank on its maiden voyage in 1912?", "Titanic", ["Lusitania", "Britannic", "Mayflower"]],
    ["Who was the first woman to win a Nobel Prize?", "Marie Curie", ["Rosalind Franklin", "Ada Lovelace", "Florence Nightingale"]],
    ["Which long wall was built to protect Chinese states against raids from the north?", "The Great Wall of China", ["Hadrian's Wall", "The Berlin Wall", "The Western Wall"]],
    ["In which city was President John F. Kennedy assassinated?", "Dallas", ["Houston", "Los Angeles", "Chicago"]],
    ["Who painted the Mona Lisa?", "Leonardo da Vinci", ["Michelangelo", "Raphael", "Rembrandt"]],
    ["Which country sent the first human into space?", "Soviet Union", ["United States", "China", "United Kingdom"]],
    ["Which ship carried the Pilgrims to America in 1620?", "Mayflower", ["Santa María", "Endeavour", "Beagle"]],
    ["Who led India's independence movement with nonviolent civil disobedience and the Salt March?", "Mahatma Gandhi", ["Jawaharlal Nehru", "Muhammad Ali Jinnah", "Subhas Chandra Bose"]],
    ["In which year did the First World War begin?", "1914", ["1912", "1916", "1918"]],
    ["Which civilisation built Machu Picchu?", "Inca", ["Aztec", "Maya", "Olmec"]],
    ["Who was the first Roman emperor?", "Augustus", ["Julius Caesar", "Nero", "Caligula"]],
    ["In which year was Magna Carta sealed?", "1215", ["1066", "1315", "1415"]],
    ["Who is credited with bringing movable-type printing to Europe around 1440?", "Johannes Gutenberg", ["William Caxton", "Martin Luther", "Leonardo da Vinci"]],
    ["Which war was fought in the United States from 1861 to 1865?", "The American Civil War", ["The War of 1812", "The Revolutionary War", "The Mexican-American War"]],
    ["Who was the first woman to be Prime Minister of the United Kingdom?", "Margaret Thatcher", ["Theresa May", "Queen Victoria", "Indira Gandhi"]],
    ["In which year was the Soviet Union dissolved?", "1991", ["1989", "1993", "1985"]],
    ["Whose expedition was the first to sail around the world, completing the voyage in 1522?", "Ferdinand Magellan", ["Vasco da Gama", "James Cook", "Francis Drake"]],
    ["In which year did Nelson Mandela become President of South Africa?", "1994", ["1990", "1999", "1986"]],
    ["Which Roman city was buried by the eruption of Mount Vesuvius in AD 79?", "Pompeii", ["Athens", "Carthage", "Troy"]],
    ["Which French emperor was defeated at Waterloo in 1815?", "Napoleon Bonaparte", ["Louis XIV", "Charlemagne", "Napoleon III"]],
    ["In which country did the Renaissance begin?", "Italy", ["France", "England", "Spain"]],
    ["Who wrote The Communist Manifesto together with Friedrich Engels?", "Karl Marx", ["Vladimir Lenin", "Leon Trotsky", "Joseph Stalin"]],
    ["The Cold War was mainly a rivalry between the United States and which country?", "The Soviet Union", ["China", "Germany", "Japan"]],
    ["Which queen reigned over the United Kingdom from 1837 to 1901?", "Queen Victoria", ["Queen Elizabeth I", "Queen Anne", "Queen Mary II"]],
    ["In which year did humans first land on the Moon?", "1969", ["1965", "1972", "1961"]],
    ["Which empire did Genghis Khan found?", "Mongol Empire", ["Ottoman Empire", "Persian Empire", "Byzantine Empire"]],
    ["In which year was Pearl Harbor attacked?", "1941", ["1939", "1942", "1944"]],
    ["Which Egyptian queen was allied with Mark Antony?", "Cleopatra", ["Nefertiti", "Hatshepsut", "Nefertari"]],
    ["Which city was divided by a wall from 1961 to 1989?", "Berlin", ["Vienna", "Warsaw", "Prague"]],
    ["Which document begins with the words \"We the People\"?", "The United States Constitution", ["The Declaration of Independence", "The Bill of Rights", "Magna Carta"]],
  ],
  language: [
    ["What is the plural of \"mouse\" (the animal)?", "mice", ["mouses", "meese", "mousen"]],
    ["Which word is a synonym of \"happy\"?", "joyful", ["angry", "tired", "gloomy"]],
    ["Which word is an antonym of \"ancient\"?", "modern", ["old", "antique", "historic"]],
    ["What is the past tense of \"go\"?", "went", ["goed", "gone", "going"]],
    ["In \"The dog runs quickly to the park\", which word is an adverb?", "quickly", ["dog", "runs", "park"]],
    ["What is the plural of \"child\"?", "children", ["childs", "childes", "childrens"]],
    ["Which word is a synonym of \"big\"?", "large", ["small", "narrow", "thin"]],
    ["Which word is spelled correctly?", "necessary", ["neccessary", "necesary", "neccesary"]],
    ["What is the past tense of \"eat\"?", "ate", ["eated", "eaten", "eating"]],
    ["Which word is an antonym of \"generous\"?", "stingy", ["kind", "giving", "charitable"]],
    ["What is the comparative form of \"good\"?", "better", ["gooder", "best", "more good"]],
    ["Which of these words is a preposition?", "under", ["quickly", "happy", "run"]],
    ["What does the prefix \"un-\" usually mean, as in \"unhappy\"?", "not", ["again", "before", "too much"]],
    ["What is a word that sounds like another word but has a different meaning called?", "homophone", ["synonym", "antonym", "acronym"]],
    ["Which of these words is a verb?", "swim", ["blue", "quietly", "chair"]],
    ["What is the plural of \"goose\"?", "geese", ["gooses", "geeses", "goosen"]],
    ["Which word means \"a person who writes poems\"?", "poet", ["painter", "potter", "pilot"]],
    ["Which word is an antonym of \"increase\"?", "decrease", ["expand", "raise", "grow"]],
    ["Which punctuation mark ends a direct question in English?", "question mark", ["full stop", "comma", "semicolon"]],
    ["What is the past tense of \"run\"?", "ran", ["runned", "running", "runs"]],
    ["Which word is a synonym of \"rapid\"?", "fast", ["slow", "heavy", "calm"]],
    ["What is the superlative form of \"bad\"?", "worst", ["worse", "baddest", "most bad"]],
    ["In \"She sings beautifully\", which word is the adverb?", "beautifully", ["She", "sings", "song"]],
    ["What is a word that means the opposite of another word called?", "antonym", ["synonym", "homonym", "pronoun"]],
    ["Which spelling is correct?", "separate", ["seperate", "separete", "saperate"]],
    ["What is the plural of \"tooth\"?", "teeth", ["tooths", "teeths", "toothes"]],
    ["Which of these words is a pronoun?", "they", ["table", "quickly", "green"]],
    ["What does the suffix \"-less\" mean in \"careless\"?", "without", ["full of", "able to", "again"]],
    ["What is the past tense of \"write\"?", "wrote", ["writed", "written", "writing"]],
    ["Which word is a synonym of \"difficult\"?", "hard", ["easy", "simple", "soft"]],
    ["Which is the correct contraction of \"do not\"?", "don't", ["dont'", "do'nt", "doesn't"]],
    ["Which of these is a compound word?", "sunflower", ["happily", "running", "beautiful"]],
    ["Which word is an antonym of \"brave\"?", "cowardly", ["bold", "fearless", "heroic"]],
    ["In \"The children played in the garden\", what is the subject?", "The children", ["played", "in the garden", "played in"]],
    ["What is the plural of \"woman\"?", "women", ["womans", "womens", "womenes"]],
    ["Which word means \"to make something smaller\"?", "reduce", ["enlarge", "extend", "multiply"]],
    ["What part of speech is \"quickly\"?", "adverb", ["adjective", "noun", "verb"]],
    ["Which word is a synonym of \"begin\"?", "start", ["finish", "stop", "end"]],
    ["What is the past tense of \"bring\"?", "brought", ["bringed", "brang", "brung"]],
    ["Which word is a synonym of \"silent\"?", "quiet", ["loud", "noisy", "busy"]],
  ],
};

function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = mulberry32(SEED);
const integer = (low, high) => low + Math.floor(random() * (high - low + 1));
const shuffle = (list) => {
  for (let index = list.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [list[index], list[other]] = [list[other], list[index]];
  }
  return list;
};

/** Three different wrong numbers near the answer (typical slips: off by one, by ten, and so on). */
function nearMisses(answer, slips) {
  const wrong = [];
  for (const slip of shuffle([...slips])) {
    const value = answer + slip;
    if (value > 0 && value !== answer && !wrong.includes(value)) wrong.push(value);
    if (wrong.length === 3) break;
  }
  if (wrong.length < 3) throw new Error(`not enough distractors for ${answer}`);
  return wrong.map(String);
}

/** Eight kinds of arithmetic, five each; every answer is computed here. */
const MATH_KINDS = [
  () => {
    const [a, b] = [integer(120, 899), integer(105, 899)];
    return [`What is ${a} + ${b}?`, a + b, [1, -1, 10, -10, 100, -100]];
  },
  () => {
    const a = integer(400, 999);
    const b = integer(101, a - 50);
    return [`What is ${a} - ${b}?`, a - b, [1, -1, 10, -10, 100, -100]];
  },
  () => {
    const [a, b] = [integer(12, 49), integer(3, 19)];
    return [`What is ${a} × ${b}?`, a * b, [a, -a, b, -b, 10, -10]];
  },
  () => {
    const [divisor, quotient] = [integer(3, 15), integer(6, 25)];
    return [`What is ${divisor * quotient} ÷ ${divisor}?`, quotient, [1, -1, 2, -2, 3, -3]];
  },
  () => {
    const percent = [5, 10, 15, 20, 25, 30, 40, 50, 75][integer(0, 8)];
    const base = 20 * integer(2, 30);
    const answer = (percent * base) / 100;
    return [`What is ${percent}% of ${base}?`, answer, [base / 10, -base / 20, 5, -5, 10, answer]];
  },
  () => {
    const [a, x, b] = [integer(2, 9), integer(2, 12), integer(1, 20)];
    return [`If ${a}x + ${b} = ${a * x + b}, what is x?`, x, [1, -1, 2, -2, b, a]];
  },
  () => {
    const root = integer(11, 30);
    return [`What is the square root of ${root * root}?`, root, [1, -1, 2, -2, 10, root]];
  },
  () => {
    const [a, b, c] = [integer(2, 9), integer(2, 9), integer(2, 9)];
    // Precedence: a + b × c; the classic slip is (a + b) × c.
    const slip = (a + b) * c - (a + b * c);
    return [`What is ${a} + ${b} × ${c}?`, a + b * c, [slip, 1, -1, 2, -2, 10].filter((value) => value !== 0)];
  },
];

function mathQuestions() {
  const questions = [];
  const seen = new Set();
  for (const kind of MATH_KINDS) {
    let made = 0;
    while (made < 5) {
      const [question, answer, slips] = kind();
      if (seen.has(question)) continue;
      seen.add(question);
      questions.push([question, String(answer), nearMisses(answer, slips)]);
      made++;
    }
  }
  return questions;
}

function build() {
  const byCategory = { ...HAND_WRITTEN, math: mathQuestions() };
  const pool = [];
  for (const category of ["geography", "science", "math", "history", "language"]) {
    for (const [question, answer, wrong] of byCategory[category]) pool.push({ category, question, answer, wrong });
  }
  shuffle(pool);
  // Exactly 50 answers at each letter, in shuffled order.
  const answerLetters = shuffle(LETTERS.flatMap((letter) => Array(pool.length / LETTERS.length).fill(letter)));
  return pool.map((entry, index) => {
    const wrong = shuffle([...entry.wrong]);
    const letter = answerLetters[index];
    const options = {};
    for (const option of LETTERS) options[option] = option === letter ? entry.answer : wrong.shift();
    return {
      question_id: `mcq-${String(index + 1).padStart(3, "0")}`,
      category: entry.category,
      question: entry.question,
      options,
      answer: letter,
    };
  });
}

function check(questions) {
  const problems = [];
  for (const entry of questions) {
    const texts = Object.values(entry.options);
    if (new Set(texts).size !== 4) problems.push(`${entry.question_id}: options are not four different texts`);
    if (!(entry.answer in entry.options)) problems.push(`${entry.question_id}: answer ${entry.answer} is not an option`);
  }
  if (new Set(questions.map((entry) => entry.question)).size !== questions.length) problems.push("a question appears twice");
  if (problems.length > 0) throw new Error(problems.join("\n"));
}

const questions = build();
check(questions);
// An optional folder argument writes there instead (tests compare it with the committed file).
const folder = process.argv[2] ? resolve(process.argv[2]) : fileURLToPath(new URL(".", import.meta.url));
const target = join(folder, "questions.json");
writeFileSync(target, `${compactJson(questions)}\n`);
console.log(`wrote ${questions.length} questions to ${target}`);

/** Two-space JSON with innermost objects (options, entities) kept on one line each. */
function compactJson(value) {
  return JSON.stringify(value, null, 2).replace(/\{\n\s+([^{}[\]]+?)\n\s+\}/g, (_, body) => `{ ${body.split(/,\n\s+/).join(", ")} }`);
}
