/* No tail-inventory image: linked into tools/dump_tails, which generates
 * the inventory at run time to write the image the library links instead. */
#include "internal.h"

const kg_tails_image kg_tail_inventory_image = {0};
