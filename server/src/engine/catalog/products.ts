import type { Product } from '../types';

// The products' names as Microsoft writes them, for hover, messages and the diagram's title.

export const PRODUCT_NAMES: Record<Product, string> = {
  lync2013: 'Lync Server 2013',
  sfb2015: 'Skype for Business Server 2015',
  sfb2019: 'Skype for Business Server 2019',
};
