import type { Product } from '../../src/store/schemas.js';

/**
 * A large, realistic-looking catalogue for benchmarks: `count` products built from brands,
 * adjectives and product nouns, deterministic for a given seed, unique SKUs and ids.
 */
const BRANDS = ['Acme', 'Golden Valley', 'Blue Ridge', 'Sunny Farms', 'Harbor', 'Northstar', 'Prairie', 'Evergreen', 'Maple Leaf', 'Riverside', 'Summit', 'Oak Hill', 'Silver Lake', 'Red Barn', 'Green Meadow', 'Coastal', 'Heritage', 'Pioneer', 'Lakeside', 'Kind Kitchen'];
const ADJECTIVES = ['Organic', 'Classic', 'Low Fat', 'Spicy', 'Sweet', 'Original', 'Family Size', 'Gluten Free', 'Whole Grain', 'Honey', 'Smoked', 'Roasted', 'Fresh', 'Frozen', 'Unsalted', 'Extra Large', 'Mini', 'Reduced Sugar', 'Vanilla', 'Chocolate'];
const NOUNS = ['Cereal', 'Crackers', 'Granola Bars', 'Pasta', 'Salsa', 'Peanut Butter', 'Almonds', 'Cashews', 'Trail Mix', 'Tortilla Chips', 'Pretzels', 'Cookies', 'Soup', 'Chili', 'Oatmeal', 'Pancake Mix', 'Maple Syrup', 'Coffee', 'Tea', 'Lemonade', 'Sparkling Water', 'Sports Drink', 'Yogurt', 'Cheese Sticks', 'Hummus', 'Tortillas', 'Rice Cakes', 'Popcorn', 'Jerky', 'Mustard', 'Mayonnaise', 'Hot Sauce', 'Olive Oil', 'Vinegar', 'Dog Food', 'Cat Litter', 'Shampoo', 'Conditioner', 'Body Wash', 'Toothpaste', 'Dish Soap', 'Sponges', 'Trash Bags', 'Aluminum Foil', 'Plastic Wrap', 'Napkins', 'Light Bulbs', 'Batteries', 'Candles', 'Flour'];
const SIZES = ['8 oz', '12 oz', '16 oz', '24 oz', '32 oz', '1 lb', '2 lb', '6 Pack', '12 Pack', '64 oz'];

function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

export function generateCatalogue(count: number, seed = 42): Product[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const products: Product[] = [];
  for (let i = 0; i < count; i++) {
    const noun = pick(NOUNS);
    products.push({
      id: `gen-${i + 1}`,
      name: `${pick(BRANDS)} ${pick(ADJECTIVES)} ${noun}, ${pick(SIZES)}`,
      sku: `GEN-${String(i + 1).padStart(6, '0')}`,
      price: Math.round((0.5 + next() * 30) * 100) / 100,
      stock: next() < 0.1 ? 0 : Math.floor(next() * 200),
      location: `Aisle ${1 + Math.floor(next() * 20)}`,
      keywords: [noun.toLowerCase()],
      active: next() > 0.02,
    });
  }
  return products;
}
