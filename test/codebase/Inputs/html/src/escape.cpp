// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// Markup in names, messages and source lines: the HTML report escapes it.
#include "lazy_task.h"

struct Money {};
lib::Task<int> operator<(Money, Money);
lib::Task<int> operator&(Money, Money);
lib::Task<int> größe(int);
lib::Task<int> operator""_qty(unsigned long long);

lib::Task<int> tally(Money A, Money B) {
  A < B; // <b>"less"</b> & more
  A & B;
  größe(1); /* Größe: ü, €, 😀 */
  3_qty;
  co_return 1;
}
