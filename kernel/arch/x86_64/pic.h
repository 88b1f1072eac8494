#ifndef KERNEL_ARCH_X86_64_PIC_H
#define KERNEL_ARCH_X86_64_PIC_H

void pic_disable(void);

#endif
