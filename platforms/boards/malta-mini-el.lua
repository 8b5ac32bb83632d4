-- malta-mini with the endianness switch set to little-endian: the core and the UART's
-- 32-bit register accesses change byte order together.
return board {
  extends = "malta-mini.lua",
  name = "malta-mini-el",
  description = "MIPS Malta memory map, little-endian: MIPS32 24Kf, RAM, boot ROM, CBUS UART",
  cpu0 = { endian = "little" },
  uart0 = { byte_order = "little" },
}
