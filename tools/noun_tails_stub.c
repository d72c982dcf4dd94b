/* No noun-tails image: linked into tools/dump_noun_tails, which builds the
 * automaton at run time to write the image the library links instead. */
#include "glossary.h"

const kg_dat_image kg_noun_tails_image = {0};
