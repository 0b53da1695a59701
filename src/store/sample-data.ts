import bcrypt from 'bcryptjs';
import { DEFAULT_TEMPLATE_TEXTS } from '../rules/templates.js';
import type { CollectionName, ListCollectionName, RecordOf, SingletonName, ValueOf } from './port.js';
import type { Coupon, Department, Product, Settings, Staff, StoreInfo, VoiceTemplate } from './schemas.js';

/**
 * What a new store starts with: a small grocery store that a caller can really talk to.
 * Returned fresh on each call (never shared), and validated by the store before it is written.
 */
export const DEFAULT_ADMIN = { username: 'admin', password: 'admin123' } as const;

const departments: Department[] = [
  { id: 'dept-pharmacy', name: 'Pharmacy', extension: '101', keywords: ['prescription', 'prescriptions', 'refill', 'pharmacist', 'medicine', 'medication', 'vaccine', 'flu shot', 'drugs'], description: 'Prescriptions, refills, vaccines and advice from our pharmacist.', active: true },
  { id: 'dept-bakery', name: 'Bakery', extension: '102', keywords: ['bread', 'cake', 'cakes', 'birthday cake', 'pastry', 'pastries', 'donuts', 'custom order'], description: 'Fresh bread, cakes and custom orders.', active: true },
  { id: 'dept-deli', name: 'Deli', extension: '103', keywords: ['sliced meat', 'cold cuts', 'sandwich', 'sandwiches', 'party platter', 'platters', 'hot food'], description: 'Cold cuts, cheeses, sandwiches and party platters.', active: true },
  { id: 'dept-produce', name: 'Produce', extension: '104', keywords: ['fruit', 'fruits', 'vegetables', 'veggies', 'organic', 'salad'], description: 'Fresh fruit and vegetables.', active: true },
  { id: 'dept-meat', name: 'Meat and Seafood', extension: '105', keywords: ['butcher', 'meat', 'seafood', 'fish', 'steak', 'special cut'], description: 'Butcher counter and fresh seafood.', active: true },
  { id: 'dept-dairy', name: 'Dairy and Frozen', extension: '106', keywords: ['dairy', 'frozen', 'frozen food', 'ice cream'], description: 'Milk, eggs, cheese and frozen foods.', active: true },
  { id: 'dept-customer-service', name: 'Customer Service', extension: '107', keywords: ['return', 'returns', 'refund', 'exchange', 'complaint', 'lost and found', 'gift card', 'gift cards', 'manager'], description: 'Returns, refunds, gift cards and questions about your order.', active: true },
  { id: 'dept-floral', name: 'Floral', extension: '108', keywords: ['flowers', 'bouquet', 'bouquets', 'roses', 'florist', 'plants'], description: 'Fresh flowers, bouquets and plants.', active: true },
];

type Row = [name: string, price: number, stock: number, location: string, departmentId: string | undefined, keywords?: string[]];

const products: Row[] = [
  ['Whole Milk, 1 Gallon', 3.79, 42, 'Aisle 1', 'dept-dairy', ['milk', 'whole milk', 'vitamin d milk']],
  ['2% Reduced Fat Milk, 1 Gallon', 3.69, 35, 'Aisle 1', 'dept-dairy', ['two percent milk', 'reduced fat milk']],
  ['Skim Milk, Half Gallon', 2.49, 12, 'Aisle 1', 'dept-dairy', ['fat free milk', 'nonfat milk']],
  ['Large Brown Eggs, Dozen', 4.29, 60, 'Aisle 1', 'dept-dairy', ['eggs', 'dozen eggs']],
  ['Salted Butter, 1 lb', 5.49, 25, 'Aisle 1', 'dept-dairy', ['butter']],
  ['Sharp Cheddar Cheese, 8 oz', 3.99, 30, 'Aisle 1', 'dept-dairy', ['cheddar', 'cheese']],
  ['Plain Greek Yogurt, 32 oz', 5.99, 18, 'Aisle 1', 'dept-dairy', ['yogurt', 'yoghurt']],
  ['Cream Cheese, 8 oz', 2.79, 22, 'Aisle 1', 'dept-dairy', []],
  ['Heavy Whipping Cream, 1 Pint', 4.49, 0, 'Aisle 1', 'dept-dairy', ['whipping cream', 'heavy cream']],
  ['Orange Juice, 52 oz', 4.99, 27, 'Aisle 1', 'dept-dairy', ['oj', 'juice']],
  ['Vanilla Ice Cream, 1.5 Quart', 5.29, 14, 'Aisle 2', 'dept-dairy', ['ice cream']],
  ['Frozen Pepperoni Pizza', 6.99, 20, 'Aisle 2', 'dept-dairy', ['frozen pizza', 'pizza']],
  ['Frozen Sweet Peas, 12 oz', 1.99, 40, 'Aisle 2', 'dept-dairy', ['peas', 'frozen vegetables']],
  ['Bananas, per lb', 0.59, 120, 'Produce section', 'dept-produce', ['banana']],
  ['Gala Apples, per lb', 1.99, 80, 'Produce section', 'dept-produce', ['apples', 'apple']],
  ['Hass Avocados, each', 1.25, 45, 'Produce section', 'dept-produce', ['avocado']],
  ['Strawberries, 1 lb', 3.99, 16, 'Produce section', 'dept-produce', ['strawberry']],
  ['Blueberries, 1 Pint', 4.49, 0, 'Produce section', 'dept-produce', ['blueberry']],
  ['Baby Spinach, 5 oz', 3.49, 24, 'Produce section', 'dept-produce', ['spinach', 'salad greens']],
  ['Roma Tomatoes, per lb', 1.49, 50, 'Produce section', 'dept-produce', ['tomatoes', 'tomato']],
  ['Yellow Onions, 3 lb Bag', 2.99, 33, 'Produce section', 'dept-produce', ['onions', 'onion']],
  ['Russet Potatoes, 5 lb Bag', 4.49, 28, 'Produce section', 'dept-produce', ['potatoes', 'potato']],
  ['Lemons, each', 0.69, 70, 'Produce section', 'dept-produce', ['lemon']],
  ['White Sandwich Bread', 2.99, 30, 'Aisle 4', 'dept-bakery', ['bread', 'white bread', 'loaf of bread']],
  ['Whole Wheat Bread', 3.49, 20, 'Aisle 4', 'dept-bakery', ['wheat bread', 'brown bread']],
  ['Plain Bagels, 6 Pack', 3.99, 15, 'Bakery', 'dept-bakery', ['bagels', 'bagel']],
  ['Butter Croissants, 4 Pack', 4.99, 0, 'Bakery', 'dept-bakery', ['croissant', 'croissants']],
  ['Chocolate Chip Cookies, 12 Count', 4.49, 26, 'Bakery', 'dept-bakery', ['cookies', 'cookie']],
  ['Boneless Chicken Breast, per lb', 4.99, 40, 'Meat counter', 'dept-meat', ['chicken breast', 'chicken']],
  ['Ground Beef 80/20, 1 lb', 5.99, 35, 'Meat counter', 'dept-meat', ['ground beef', 'hamburger meat', 'mince']],
  ['Thick Cut Bacon, 1 lb', 6.99, 22, 'Meat counter', 'dept-meat', ['bacon']],
  ['Atlantic Salmon Fillet, per lb', 11.99, 10, 'Seafood counter', 'dept-meat', ['salmon', 'fish']],
  ['Bone-In Pork Chops, per lb', 4.29, 18, 'Meat counter', 'dept-meat', ['pork chops', 'pork']],
  ['Raw Jumbo Shrimp, 1 lb', 12.99, 0, 'Seafood counter', 'dept-meat', ['shrimp', 'prawns']],
  ['Oven Roasted Turkey Breast, per lb', 9.99, 15, 'Deli counter', 'dept-deli', ['sliced turkey', 'turkey', 'deli turkey']],
  ['Honey Ham, per lb', 8.99, 12, 'Deli counter', 'dept-deli', ['ham', 'sliced ham']],
  ['Rotisserie Chicken', 7.99, 9, 'Deli counter', 'dept-deli', ['roast chicken', 'whole chicken']],
  ['Spaghetti, 16 oz', 1.49, 65, 'Aisle 5', undefined, ['pasta', 'noodles']],
  ['Marinara Pasta Sauce, 24 oz', 3.29, 38, 'Aisle 5', undefined, ['pasta sauce', 'tomato sauce', 'spaghetti sauce']],
  ['Creamy Peanut Butter, 16 oz', 3.49, 31, 'Aisle 6', undefined, ['peanut butter']],
  ['Strawberry Jam, 18 oz', 3.79, 19, 'Aisle 6', undefined, ['jam', 'jelly', 'strawberry jelly']],
  ['Honey Oat Cereal, 14 oz', 4.29, 27, 'Aisle 6', undefined, ['cereal']],
  ['Old Fashioned Rolled Oats, 42 oz', 5.49, 14, 'Aisle 6', undefined, ['oatmeal', 'oats']],
  ['Long Grain White Rice, 5 lb', 4.99, 23, 'Aisle 5', undefined, ['rice']],
  ['Black Beans, 15 oz Can', 1.09, 80, 'Aisle 5', undefined, ['beans', 'canned beans']],
  ['Chicken Noodle Soup, 10.75 oz', 1.79, 44, 'Aisle 5', undefined, ['soup', 'canned soup']],
  ['Medium Roast Ground Coffee, 12 oz', 8.99, 21, 'Aisle 7', undefined, ['coffee']],
  ['Green Tea, 20 Bags', 3.49, 17, 'Aisle 7', undefined, ['tea']],
  ['Granulated Sugar, 4 lb', 3.99, 25, 'Aisle 8', undefined, ['sugar']],
  ['All-Purpose Flour, 5 lb', 3.79, 20, 'Aisle 8', undefined, ['flour', 'baking flour']],
  ['Extra Virgin Olive Oil, 16.9 oz', 8.49, 16, 'Aisle 8', undefined, ['olive oil', 'cooking oil']],
  ['Tomato Ketchup, 20 oz', 2.99, 29, 'Aisle 8', undefined, ['ketchup', 'catsup']],
  ['Classic Potato Chips, 8 oz', 4.29, 36, 'Aisle 9', undefined, ['chips', 'crisps']],
  ['Spring Water, 24 Pack', 4.99, 50, 'Aisle 9', undefined, ['water', 'bottled water']],
  ['Cola, 12 Pack Cans', 6.99, 40, 'Aisle 9', undefined, ['soda', 'pop', 'coke']],
  ['Paper Towels, 6 Rolls', 9.99, 24, 'Aisle 10', undefined, ['paper towel']],
  ['Toilet Paper, 12 Rolls', 11.49, 30, 'Aisle 10', undefined, ['bath tissue', 'toilet tissue']],
  ['Dish Soap, 24 oz', 2.99, 26, 'Aisle 10', undefined, ['dishwashing liquid', 'washing up liquid']],
  ['Laundry Detergent, 92 oz', 12.99, 15, 'Aisle 10', undefined, ['detergent', 'laundry soap']],
  ['AA Batteries, 8 Pack', 8.99, 19, 'Aisle 11', undefined, ['double a batteries', 'batteries']],
  ['AAA Batteries, 8 Pack', 8.99, 0, 'Aisle 11', undefined, ['triple a batteries']],
  ['Ibuprofen 200 mg, 100 Tablets', 7.49, 22, 'Aisle 12', 'dept-pharmacy', ['advil', 'pain reliever', 'pain killer']],
  ['Acetaminophen 500 mg, 100 Caplets', 6.99, 18, 'Aisle 12', 'dept-pharmacy', ['tylenol', 'paracetamol']],
  ['Allergy Relief Tablets, 30 Count', 9.99, 11, 'Aisle 12', 'dept-pharmacy', ['allergy medicine', 'antihistamine']],
  ['Cough Syrup, 8 oz', 8.49, 0, 'Aisle 12', 'dept-pharmacy', ['cough medicine']],
  ['Adhesive Bandages, 60 Count', 4.99, 27, 'Aisle 12', 'dept-pharmacy', ['band aids', 'bandaids', 'plasters']],
  ['Vitamin C 1000 mg, 100 Tablets', 10.99, 13, 'Aisle 12', 'dept-pharmacy', ['vitamins']],
  ['Mint Toothpaste, 6 oz', 3.49, 34, 'Aisle 13', undefined, ['toothpaste']],
  ['Everyday Shampoo, 12 oz', 4.99, 21, 'Aisle 13', undefined, ['shampoo']],
  ['Dozen Red Roses', 19.99, 8, 'Floral', 'dept-floral', ['roses', 'red roses']],
  ['Mixed Flower Bouquet', 14.99, 6, 'Floral', 'dept-floral', ['flowers', 'bouquet']],
  ['Holiday Eggnog, 1 Quart', 3.99, 0, 'Aisle 1', 'dept-dairy', ['eggnog']],
];

function inventory(): Product[] {
  return products.map(([name, price, stock, location, departmentId, keywords = []], index) => ({
    id: `prod-${String(index + 1).padStart(4, '0')}`,
    name,
    sku: `SKU-${String(10001 + index)}`,
    price,
    stock,
    location,
    ...(departmentId ? { departmentId } : {}),
    keywords,
    // Seasonal: kept in the catalogue but not offered to callers.
    active: !name.startsWith('Holiday'),
  }));
}

const storeInfo: StoreInfo = {
  name: 'Maple Street Market',
  address: '123 Maple Street, Springfield, IL 62701',
  phone: '+15555550100',
  timezone: 'America/Chicago',
  hours: {
    mon: { open: '08:00', close: '21:00' },
    tue: { open: '08:00', close: '21:00' },
    wed: { open: '08:00', close: '21:00' },
    thu: { open: '08:00', close: '21:00' },
    fri: { open: '08:00', close: '22:00' },
    sat: { open: '08:00', close: '22:00' },
    sun: { open: '09:00', close: '18:00' },
  },
  greetingMessage: 'Thank you for calling Maple Street Market.',
};

const coupons: Coupon[] = [
  { id: 'coupon-save10', code: 'SAVE10', description: '10 percent off your order of 50 dollars or more', discountType: 'percent', discountValue: 10, validFrom: '2026-01-01', validUntil: '2030-12-31', active: true },
  { id: 'coupon-dairy1', code: 'DAIRY1', description: '1 dollar off any gallon of milk', discountType: 'amount', discountValue: 1, active: true },
  { id: 'coupon-bakery', code: 'BREAD2', description: '2 dollars off any custom cake from the bakery', discountType: 'amount', discountValue: 2, validFrom: '2026-01-01', active: true },
  { id: 'coupon-summer', code: 'SUMMER25', description: '25 percent off picnic supplies', discountType: 'percent', discountValue: 25, validFrom: '2025-06-01', validUntil: '2025-08-31', active: true },
  { id: 'coupon-paused', code: 'FLOWERS5', description: '5 dollars off any bouquet', discountType: 'amount', discountValue: 5, active: false },
];

function voiceTemplates(): VoiceTemplate[] {
  return Object.entries(DEFAULT_TEMPLATE_TEXTS).map(([key, text]) => ({ id: `tpl-${key.replace(/_/g, '-')}`, key, text, active: true }));
}

const settings: Settings = {
  voice: 'Polly.Joanna',
  language: 'en-US',
  speechModel: 'phone_call',
  speechTimeout: 2,
  maxAttempts: 3,
  operatorExtension: '0',
  announceCoupons: false,
  transferTimeout: 20,
};

function staff(): Staff[] {
  return [
    { id: 'staff-admin', username: DEFAULT_ADMIN.username, name: 'Store Administrator', role: 'admin', passwordHash: bcrypt.hashSync(DEFAULT_ADMIN.password, 10), active: true },
  ];
}

/** What each collection holds: a list of records, or the one object. */
export type SampleValue<K extends CollectionName> = K extends SingletonName ? ValueOf<K> : RecordOf<K & ListCollectionName>[];

export function sampleData<K extends CollectionName>(name: K): SampleValue<K> {
  const make: { [N in CollectionName]: () => SampleValue<N> } = {
    storeInfo: () => structuredClone(storeInfo),
    departments: () => structuredClone(departments),
    inventory,
    coupons: () => structuredClone(coupons),
    voiceTemplates,
    settings: () => structuredClone(settings),
    staff,
  };
  return make[name]();
}
