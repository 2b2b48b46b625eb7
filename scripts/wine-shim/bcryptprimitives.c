/* bcryptprimitives.dll for running BMD Atlas under Wine 8.0 (Debian 12), which lacks this DLL.
 *
 * Rust's standard library (1.78 and later) gets random bytes (e.g. HashMap keys) from
 * ProcessPrng in bcryptprimitives.dll, which every supported Windows (10 and 11) has. Wine 8.0
 * does not, so the .exe fails to start there. This stand-in exports ProcessPrng and fills the
 * buffer with RtlGenRandom (SystemFunction036 in advapi32), which Wine does have.
 *
 * Test harness only (scripts/windows-smoke puts it next to the .exe); never ship it.
 * Build: x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll bcryptprimitives.c -ladvapi32
 */
#include <windows.h>
#include <ntsecapi.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    /* RtlGenRandom takes a ULONG length; feed larger requests in chunks. */
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!RtlGenRandom(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
    (void)instance;
    (void)reason;
    (void)reserved;
    return TRUE;
}
