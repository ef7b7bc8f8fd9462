// Build-time tool: renders the application icon (one SVG) into every raster form the installers
// need, so that the SVG stays the only source:
//  - OUTPUT_DIR/hicolor/NxN/apps/NAME.png for the freedesktop icon theme (Linux packages);
//  - OUTPUT_DIR/NAME.ico for the Windows executable and installer (PNG-compressed entries);
//  - OUTPUT_DIR/NAME.icns for the macOS bundle (PNG entries, read by macOS 10.7 and later).
// It needs no QGuiApplication: painting an SVG without text into a QImage uses no platform plugin.
//   authdesk-render-icon SVG OUTPUT_DIR NAME

#include <QBuffer>
#include <QByteArray>
#include <QDataStream>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QList>
#include <QPainter>
#include <QSaveFile>
#include <QString>
#include <QSvgRenderer>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

// The sizes of the hicolor theme that desktops ask for; 512 serves HiDPI launchers and software centres.
constexpr int themeSizes[] = {16, 22, 24, 32, 48, 64, 128, 256, 512};
// Windows picks the nearest of these for the taskbar, Explorer views and the installer.
constexpr int icoSizes[] = {16, 24, 32, 48, 64, 128, 256};

struct IcnsEntry
{
    const char *type;
    int size;
};
// PNG-bearing ICNS types: 16, 32 and 64 (icp4-6), 128-1024 (ic07-10), and the @2x variants (ic11-14).
constexpr IcnsEntry icnsEntries[] = {
    {"icp4", 16}, {"icp5", 32}, {"icp6", 64}, {"ic07", 128}, {"ic08", 256}, {"ic09", 512}, {"ic10", 1024},
    {"ic11", 32}, {"ic12", 64}, {"ic13", 256}, {"ic14", 512},
};

QByteArray renderPng(QSvgRenderer &renderer, int size)
{
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    renderer.render(&painter);
    painter.end();

    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return png;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return false;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size())
        return false;
    return file.commit();
}

QByteArray icoFile(QSvgRenderer &renderer)
{
    QList<QByteArray> images;
    for (int size : icoSizes)
        images.append(renderPng(renderer, size));

    QByteArray ico;
    QDataStream out(&ico, QIODevice::WriteOnly);
    out.setByteOrder(QDataStream::LittleEndian);
    const auto count = static_cast<quint16>(images.size());
    out << quint16(0) << quint16(1) << count; // ICONDIR: reserved, type 1 (icon), count
    quint32 offset = 6 + 16 * count;
    for (qsizetype i = 0; i < images.size(); ++i) {
        const int size = icoSizes[i];
        // ICONDIRENTRY: a width and height of 0 mean 256.
        out << quint8(size >= 256 ? 0 : size) << quint8(size >= 256 ? 0 : size) << quint8(0) << quint8(0)
            << quint16(1) << quint16(32) << quint32(images.at(i).size()) << offset;
        offset += static_cast<quint32>(images.at(i).size());
    }
    for (const QByteArray &image : images)
        out.writeRawData(image.constData(), static_cast<int>(image.size()));
    return ico;
}

QByteArray icnsFile(QSvgRenderer &renderer)
{
    QByteArray body;
    QDataStream out(&body, QIODevice::WriteOnly);
    out.setByteOrder(QDataStream::BigEndian);
    for (const IcnsEntry &entry : icnsEntries) {
        const QByteArray png = renderPng(renderer, entry.size);
        out.writeRawData(entry.type, 4);
        out << quint32(8 + png.size());
        out.writeRawData(png.constData(), static_cast<int>(png.size()));
    }

    QByteArray icns;
    QDataStream header(&icns, QIODevice::WriteOnly);
    header.setByteOrder(QDataStream::BigEndian);
    header.writeRawData("icns", 4);
    header << quint32(8 + body.size());
    icns.append(body);
    return icns;
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc != 4) {
        std::fprintf(stderr, "usage: authdesk-render-icon SVG OUTPUT_DIR NAME\n");
        return 1;
    }
    const QString svgPath = QString::fromLocal8Bit(argv[1]);
    const QString outputDir = QString::fromLocal8Bit(argv[2]);
    const QString name = QString::fromLocal8Bit(argv[3]);

    QSvgRenderer renderer(svgPath);
    if (!renderer.isValid()) {
        std::fprintf(stderr, "authdesk-render-icon: %s is not a valid SVG file\n", qPrintable(svgPath));
        return 1;
    }

    bool ok = true;
    for (int size : themeSizes) {
        const QString path = u"%1/hicolor/%2x%2/apps/%3.png"_s.arg(outputDir).arg(size).arg(name);
        ok = writeFile(path, renderPng(renderer, size)) && ok;
    }
    ok = writeFile(u"%1/%2.ico"_s.arg(outputDir, name), icoFile(renderer)) && ok;
    ok = writeFile(u"%1/%2.icns"_s.arg(outputDir, name), icnsFile(renderer)) && ok;
    if (!ok) {
        std::fprintf(stderr, "authdesk-render-icon: cannot write the icons to %s\n", qPrintable(outputDir));
        return 1;
    }
    return 0;
}
