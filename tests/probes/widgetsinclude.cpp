// Compiled with authdesk-core's include paths and libraries only; it must fail to build, which
// proves that lib/ cannot use Qt Widgets (ctest: lib_rejects_widgets).
#include <QWidget>

void libraryCodeThatWantsAWidget()
{
    QWidget widget;
    widget.show();
}
