// Loaded into Dianara by dianara-session.sh (LD_PRELOAD), built at run time with g++.
//
// Debian 12's Sonnet (libkf5sonnetui5 5.103) crashes in Sonnet::SpellCheckDecorator's destructor when the text
// edit it decorates is being destroyed (it calls removeEventFilter on that half-destroyed widget: KDE bug 464499).
// Dianara 1.4.4 gives every post's comment box such a decorator and deletes posts whenever a timeline page arrives,
// so it crashes on its first timeline, whatever the server. This replaces the two destructor entries of the
// decorator's vtable with ones that skip that call: they only run QObject's destructor (the decorator's small
// private part is left allocated, which is harmless in a test session).
#include <dlfcn.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <new>

class QObject {
 public:
  virtual ~QObject();
};

static void completeDestructor(QObject *self) { self->QObject::~QObject(); }
static void deletingDestructor(QObject *self) {
  self->QObject::~QObject();
  ::operator delete(self);
}

__attribute__((constructor)) static void patchSpellCheckDecorator() {
  void **vtable = static_cast<void **>(dlsym(RTLD_DEFAULT, "_ZTVN6Sonnet19SpellCheckDecoratorE"));
  void *complete = dlsym(RTLD_DEFAULT, "_ZN6Sonnet19SpellCheckDecoratorD1Ev");
  void *deleting = dlsym(RTLD_DEFAULT, "_ZN6Sonnet19SpellCheckDecoratorD0Ev");
  if (vtable == nullptr || complete == nullptr || deleting == nullptr) return;  // not Dianara: nothing to do
  // The destructors follow the three QObject meta entries; search a few slots rather than trust one offset.
  for (int slot = 2; slot < 12; slot++) {
    if (vtable[slot] != complete || vtable[slot + 1] != deleting) continue;
    const uintptr_t page = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
    void *start = reinterpret_cast<void *>(reinterpret_cast<uintptr_t>(&vtable[slot]) & ~(page - 1));
    if (mprotect(start, 2 * page, PROT_READ | PROT_WRITE) != 0) break;
    vtable[slot] = reinterpret_cast<void *>(&completeDestructor);
    vtable[slot + 1] = reinterpret_cast<void *>(&deletingDestructor);
    mprotect(start, 2 * page, PROT_READ);
    std::fprintf(stderr, "dianara-sonnet-fix: SpellCheckDecorator's destructor replaced\n");
    return;
  }
  std::fprintf(stderr, "dianara-sonnet-fix: SpellCheckDecorator's destructors not found; Dianara may crash\n");
}
