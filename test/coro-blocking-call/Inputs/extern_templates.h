// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// Templates whose specializations for int are explicitly instantiated in
// another file (`template void flush<int>();` there): this header's users
// instantiate none of them, so their bodies are only here, in the pattern.
#ifndef COROLINT_TEST_EXTERN_TEMPLATES_H
#define COROLINT_TEST_EXTERN_TEMPLATES_H

#include <chrono>
#include <thread>
#include <type_traits>

namespace ext {

// Blocks for every T: the blocking calls do not depend on it.
template <class T> void flush() {
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

inline void spin() {
  std::this_thread::sleep_for(std::chrono::microseconds(1));
}
template <class T> void settle(T) { spin(); }

template <class T> class Pool {
public:
  void drain();
  void submit(T Job);
};
template <class T> void Pool<T>::drain() {
  std::thread Worker([] {});
  Worker.join();
}
template <class T> void Pool<T>::submit(T) {}

// Look-alikes: what they call depends on T (a gate's wait, which does not
// block; what it is is known only once T is), or nothing blocks.
struct Gate {
  void wait();
  static void wait(int Ticket);
};
template <class T> void waitOn(T &Object) { Object.wait(); }
template <class T> void waitStatic() { T::wait(1); }
template <class T> void maybeSleep() {
  if constexpr (std::is_same_v<T, long>)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
}
template <class T> T twice(T Value) { return Value + Value; }
// Declared only: its body is in the other file.
template <class T> void elsewhere();

extern template void flush<int>();
extern template void settle<int>(int);
extern template class Pool<int>;
extern template void waitOn<Gate>(Gate &);
extern template void waitStatic<Gate>();
extern template void maybeSleep<int>();
extern template int twice<int>(int);
extern template void elsewhere<int>();

} // namespace ext

#endif // COROLINT_TEST_EXTERN_TEMPLATES_H
